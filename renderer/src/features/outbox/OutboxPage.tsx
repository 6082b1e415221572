// The Outbox page: what this Courier sent and what became of it. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function OutboxPage() {
  return (
    <Page title="Outbox">
      <NotBuiltYet purpose="Follow every document you sent — queued, delivered or failed — with the partner's receipt (MDN) and each retry." />
    </Page>
  );
}
