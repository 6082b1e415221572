// The Outbox page: every document sent from this Courier — queued, delivered or failed — with the partner's
// receipt (MDN) and each retry.
import { Button } from '@mantine/core';
import { Link } from 'react-router-dom';
import { MessagesPage } from '../messages/MessagesPage';

export function OutboxPage() {
  return (
    <MessagesPage
      direction="outbound"
      title="Outbox"
      purpose="Every document sent from this Courier, newest first: queued, being retried, delivered or failed, with the partner's receipt (MDN). States change here as they happen."
      emptyText="Nothing sent yet."
      actions={
        <Button component={Link} to="/send" style={{ flexShrink: 0 }}>
          Send a document
        </Button>
      }
    />
  );
}
