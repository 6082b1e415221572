// The Send page: composing and sending a document. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function SendPage() {
  return (
    <Page title="Send">
      <NotBuiltYet purpose="Send a document to a partner over AS2, AS2 Gateway, FISCAL, Pagero or PACO, signed and encrypted as that partner's profile requires." />
    </Page>
  );
}
