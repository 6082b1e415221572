// The Partners page: who this Courier exchanges documents with. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function PartnersPage() {
  return (
    <Page title="Partners">
      <NotBuiltYet purpose="Set up the partners you exchange documents with: their identifiers, URLs, certificates and the algorithms they expect." />
    </Page>
  );
}
