// The TLS inspector page: checking a partner's HTTPS endpoint before sending. Only its place in the app exists so far.
import { NotBuiltYet } from '../../ui/NotBuiltYet';
import { Page } from '../../ui/Page';

export function TlsInspectorPage() {
  return (
    <Page title="TLS inspector">
      <NotBuiltYet purpose="Connect to a partner's server and see its TLS version, cipher and certificate chain, and whether Courier would trust it." />
    </Page>
  );
}
