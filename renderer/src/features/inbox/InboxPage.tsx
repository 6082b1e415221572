// The Inbox page: what partners sent to this Courier. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function InboxPage() {
  return (
    <Page title="Inbox">
      <NotBuiltYet purpose="See every document your partners sent you over AS2, AS2 Gateway, FISCAL, Pagero and PACO, with its signature check and the receipt (MDN) Courier returned." />
    </Page>
  );
}
