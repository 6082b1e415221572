// The Certificates page: the certificates this Courier trusts. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function CertificatesPage() {
  return (
    <Page title="Certificates">
      <NotBuiltYet purpose="Import, inspect and trust certificates — your partners' signing and encryption certificates and the CAs that issued them." />
    </Page>
  );
}
