// The Inbox page: what partners sent to this Courier, newest first, with the receipt (MDN) Courier returned.
import { MessagesPage } from '../messages/MessagesPage';

export function InboxPage() {
  return (
    <MessagesPage
      direction="inbound"
      title="Inbox"
      purpose="Every document your partners sent to this Courier — over AS2, through the AS2 Gateway, or pushed by Pagero — newest first, with its security checks and the receipt (MDN) Courier returned. New messages appear as they arrive."
      emptyText="Nothing received yet. Partners send to the URL shown for your station on the Partners page."
    />
  );
}
