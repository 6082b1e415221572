// `courier demo`'s FISCAL part: the FISCAL simulator on 127.0.0.1 and a ready profile named `demo` against it
// (customer and unit `demo`, a random access token valid for 90 days, the simulator's CA trusted for scope
// `fiscal:demo`), so a CSV dropped on the Send page uploads at once.
import { randomBytes } from 'node:crypto';
import { startFiscalSimulator, type FiscalSimulator } from '../../../simulators/fiscal/fiscalSimulator';
import type { Api } from '../../api';
import { fiscalTlsScope } from '../../core/transports/fiscal/fiscalProfiles';

export const DEMO_FISCAL_PROFILE = 'demo';
const DEMO_CUSTOMER = 'demo';
const TOKEN_DAYS = 90;

async function invoke(api: Api, name: string, input: unknown): Promise<void> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw new Error(`demo FISCAL setup: ${name} failed: ${reply.error.code}: ${reply.error.message}`);
}

/** Starts the simulator and saves profile `demo`; the caller closes the returned simulator on exit. */
export async function startFiscalDemo(api: Api): Promise<FiscalSimulator> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + TOKEN_DAYS * 86_400_000);
  const simulator = await startFiscalSimulator({ customer: DEMO_CUSTOMER, token, tokenExpiresAt: expiresAt });
  try {
    await invoke(api, 'tls.trustCa', { scope: fiscalTlsScope(DEMO_FISCAL_PROFILE), pem: simulator.caPem });
    await invoke(api, 'fiscal.profiles.save', {
      name: DEMO_FISCAL_PROFILE,
      region: 'uksouth',
      customer: DEMO_CUSTOMER,
      token,
      tokenExpiresOn: expiresAt.toISOString().slice(0, 10),
      baseUrl: simulator.url,
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return simulator;
}
