// `courier demo`'s Pagero part: the Pagero simulator (Interchange API + SSO) on 127.0.0.1 with two ready send
// profiles against it — `demo` (OAuth2 password grant) and `demo-basic` — the simulator's CA trusted for their
// scopes, and, when the push server runs, one push endpoint per auth mode plus a sample invoice pushed by the
// simulator playing Pagero's HTTP client, so the Inbox shows a received document at once. Credentials are random.
import { randomBytes } from 'node:crypto';
import { makeClientIdentity, pushDocument } from '../../../simulators/pagero/pageroPusher';
import { startPageroSimulator, type PageroSimulator } from '../../../simulators/pagero/pageroSimulator';
import type { Api } from '../../api';
import { pageroTlsScope } from '../../core/transports/pagero/pageroProfiles';

export const DEMO_PAGERO_PROFILE = 'demo';
const SAMPLE_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>DEMO-PUSH-1</cbc:ID>
</Invoice>
`;

async function invoke(api: Api, name: string, input: unknown): Promise<void> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw new Error(`demo Pagero setup: ${name} failed: ${reply.error.code}: ${reply.error.message}`);
}

export interface PageroDemo {
  simulator: PageroSimulator;
  summary: string[];
}

/** Starts the simulator and saves the profiles (and push endpoints when `push` is given); the caller closes the simulator. */
export async function startPageroDemo(api: Api, push?: { url: string; caPem: string }): Promise<PageroDemo> {
  const login = { username: 'demo-erp', password: randomBytes(18).toString('base64url'), clientId: `demo-${randomBytes(4).toString('hex')}`, clientSecret: randomBytes(18).toString('base64url') };
  const simulator = await startPageroSimulator(login);
  const summary = [`Pagero simulator: ${simulator.url} (profiles ${DEMO_PAGERO_PROFILE}, ${DEMO_PAGERO_PROFILE}-basic)`];
  try {
    for (const name of [DEMO_PAGERO_PROFILE, `${DEMO_PAGERO_PROFILE}-basic`]) await invoke(api, 'tls.trustCa', { scope: pageroTlsScope(name), pem: simulator.caPem });
    await invoke(api, 'pagero.profiles.save', { name: DEMO_PAGERO_PROFILE, baseUrl: simulator.url, authMode: 'oauth2-password', ssoUrl: simulator.ssoUrl, ...login });
    await invoke(api, 'pagero.profiles.save', { name: `${DEMO_PAGERO_PROFILE}-basic`, baseUrl: simulator.url, authMode: 'basic', username: login.username, password: login.password });
    if (push) {
      const basic = { user: 'pagero', password: randomBytes(12).toString('base64url') };
      const client = { clientId: 'pagero-http-client', clientSecret: randomBytes(12).toString('base64url') };
      const identity = makeClientIdentity();
      const recordHeaders = ['x-receiving-business-unit', 'x-receiving-system'];
      await invoke(api, 'pagero.endpoints.save', { name: 'demo-basic', authMode: 'basic', basicUser: basic.user, basicPassword: basic.password, recordHeaders });
      await invoke(api, 'pagero.endpoints.save', { name: 'demo-oauth', authMode: 'oauth2-client-credentials', ...client, recordHeaders });
      await invoke(api, 'pagero.endpoints.save', { name: 'demo-mtls', authMode: 'mtls', clientCaPem: identity.caPem, recordHeaders });
      const answer = await pushDocument({
        url: `${push.url}/demo-basic`,
        caPem: push.caPem,
        auth: { mode: 'basic', ...basic },
        body: SAMPLE_INVOICE,
        contentType: 'application/xml',
        headers: { 'x-interchange-id': `demo-push-${randomBytes(3).toString('hex')}`, 'x-receiving-business-unit': 'BU005', 'x-receiving-system': 'SAPS4' },
      });
      summary.push(`Pagero push endpoints: ${push.url}/demo-basic, /demo-oauth, /demo-mtls (sample invoice pushed: HTTP ${answer.status})`);
    }
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return { simulator, summary };
}
