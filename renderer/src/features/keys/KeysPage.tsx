// The Keys page: the private keys this Courier signs and decrypts with. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function KeysPage() {
  return (
    <Page title="Keys">
      <NotBuiltYet purpose="Generate, import, rotate and export keys — RSA-4096 pairs for PACO, AS2 signing and encryption keys." />
    </Page>
  );
}
