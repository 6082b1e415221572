// `courier demo`'s PACO part: a PACO simulator on 127.0.0.1 and a working profile named `demo` against it,
// with freshly generated merchant keys, the simulator's CA trusted for scope `paco:demo`, and random
// demo credentials shared by both. RSA-2048 throughout so the demo prints its URL within a second or two
// (RSA-4096 takes 0.3–3 s per key here, four keys); 4096 stays the product default.
import { createPublicKey, randomBytes } from 'node:crypto';
import { startPacoSimulator, type PacoSimulator } from '../../../simulators/paco/pacoSimulator';
import type { Api } from '../../api';
import type { CourierContext } from '../../core/home/openHome';
import { pacoTlsScope } from '../../core/transports/paco/pacoProfiles';

export const DEMO_PACO_PROFILE = 'demo';
const DEMO_RSA = { type: 'rsa', bits: 2048 } as const;

async function invoke(api: Api, name: string, input: unknown): Promise<void> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw new Error(`demo PACO setup: ${name} failed: ${reply.error.code}: ${reply.error.message}`);
}

/** Starts the simulator and saves profile `demo`; the caller closes the returned simulator on exit. */
export async function startPacoDemo(ctx: CourierContext, api: Api): Promise<PacoSimulator> {
  const [signing, encryption] = await Promise.all([
    ctx.keys.generate({ jobId: 'demo-paco-signing', label: 'PACO demo signing', purpose: 'paco-signing', algorithm: DEMO_RSA }),
    ctx.keys.generate({ jobId: 'demo-paco-encryption', label: 'PACO demo encryption', purpose: 'paco-encryption', algorithm: DEMO_RSA }),
  ]);
  const publicKey = (id: string) => {
    const exported = ctx.keys.exportPublic(id, 'pem');
    if (exported.format !== 'pem') throw new Error('demo PACO setup: expected a PEM public key');
    return createPublicKey(exported.pem);
  };
  const secrets = { apiKey: `demo-${randomBytes(6).toString('hex')}`, token: randomBytes(18).toString('base64url'), basicUser: 'demo-merchant', basicPassword: randomBytes(18).toString('base64url') };
  const simulator = await startPacoSimulator({
    ...secrets,
    merchantSigningKeys: [{ kid: signing.jwkThumbprint, key: publicKey(signing.id) }],
    merchantEncryptionKey: { kid: encryption.jwkThumbprint, key: publicKey(encryption.id) },
    rsaBits: 2048,
  });
  try {
    await invoke(api, 'tls.trustCa', { scope: pacoTlsScope(DEMO_PACO_PROFILE), pem: simulator.caPem });
    await invoke(api, 'paco.profiles.save', {
      name: DEMO_PACO_PROFILE,
      baseUrl: simulator.url,
      ...secrets,
      pacoEncryptionKey: { kid: simulator.encryptionKey.kid, key: simulator.encryptionKey.pem },
      pacoSigningKeys: [{ kid: simulator.signingKey.kid, key: simulator.signingKey.pem }],
      merchantSigningKeyId: signing.id,
      merchantEncryptionKeyId: encryption.id,
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return simulator;
}
