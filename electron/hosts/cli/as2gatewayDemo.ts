// `courier demo`'s AS2 Gateway part: the gateway simulator on 127.0.0.1 (HTTPS from a throwaway CA, plus its
// http port that redirects) with sample stations, partners and received messages, and a ready account named
// `demo-gateway` whose scope `as2g:demo-gateway` trusts the simulator's CA. Credentials are random per run.
import { randomBytes } from 'node:crypto';
import { samplePartner, sampleStation } from '../../../simulators/as2gateway/gatewayMailbox';
import { startAs2gSimulator, type As2gSimulator } from '../../../simulators/as2gateway/as2gatewaySimulator';
import type { Api } from '../../api';
import { as2gTlsScope } from '../../core/transports/as2gateway/gatewayAccounts';

export const DEMO_GATEWAY_ACCOUNT = 'demo-gateway';

async function invoke(api: Api, name: string, input: unknown): Promise<void> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw new Error(`demo AS2 Gateway setup: ${name} failed: ${reply.error.code}: ${reply.error.message}`);
}

const text = (name: string, body: string) => ({ name, contentType: 'text/plain', content: Buffer.from(body) });

/** Starts the simulator with sample data and saves account `demo-gateway`; the caller closes the simulator. */
export async function startAs2gDemo(api: Api): Promise<{ simulator: As2gSimulator; summary: string[] }> {
  const username = 'demo@courier.example';
  const password = randomBytes(18).toString('base64url');
  const simulator = await startAs2gSimulator({ username, password, transitionMs: 4_000 });
  const { mailbox } = simulator;
  mailbox.stations.push(sampleStation('COURIER_EU', 'Courier Europe', { pinned: true }));
  mailbox.partners.push(samplePartner('GLOBEX', 'Globex Ltd', { requestMdn: false, partnerType: 'Production' }), samplePartner('INITECH_TEST', 'Initech (test)', { partnerType: 'Test' }), samplePartner('UNREACHABLE', 'Unreachable GmbH'));
  mailbox.unreachable.add('UNREACHABLE');
  const hour = 3_600_000;
  mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', subject: 'Purchase order 4711', files: [text('po-4711.edi', 'UNA:+.? \'UNB+UNOC:3+ACME+COURIER+240101:1200+4711\'')], at: Date.now() - 3 * hour });
  mailbox.receive({ station: 'COURIER_STATION', partner: 'GLOBEX', subject: 'Invoice INV-2024-17', files: [text('INV-2024-17.xml', '<?xml version="1.0"?><invoice id="INV-2024-17" total="1000.00"/>'), text('INV-2024-17.txt', 'Invoice INV-2024-17, total 1000.00')], at: Date.now() - 2 * hour });
  mailbox.receive({ station: 'COURIER_EU', partner: 'ACME', subject: 'Despatch advice', files: [text('desadv.edi', 'UNH+1+DESADV:D:96A:UN\'')], at: Date.now() - hour, mdnError: true });
  try {
    await invoke(api, 'tls.trustCa', { scope: as2gTlsScope(DEMO_GATEWAY_ACCOUNT), pem: simulator.caPem });
    await invoke(api, 'as2g.accounts.save', { name: DEMO_GATEWAY_ACCOUNT, baseUrl: simulator.url, username, password });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return { simulator, summary: [`AS2 Gateway simulator: ${simulator.url} (account ${DEMO_GATEWAY_ACCOUNT})`] };
}
