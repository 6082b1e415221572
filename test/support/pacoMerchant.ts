// A merchant set up for PACO tests: two RSA-2048 keys generated in the home's keystore (signing, encryption) and
// the PACO simulator started knowing their public halves, as onboarding with 2C2P would arrange.
import { createPublicKey } from 'node:crypto';
import type { CourierContext } from '../../electron/core/home/openHome';
import { startPacoSimulator, type PacoSimulator } from '../../simulators/paco/pacoSimulator';

export interface PacoMerchant {
  sim: PacoSimulator;
  signingKeyId: string;
  encryptionKeyId: string;
}

export async function startPacoMerchant(ctx: CourierContext, credentials: { apiKey: string; token: string; basicPassword: string }): Promise<PacoMerchant> {
  const rsa = { type: 'rsa', bits: 2048 } as const;
  const [signing, encryption] = await Promise.all([
    ctx.keys.generate({ jobId: 'paco-sig', label: 'PACO signing', purpose: 'paco-signing', algorithm: rsa }),
    ctx.keys.generate({ jobId: 'paco-enc', label: 'PACO encryption', purpose: 'paco-encryption', algorithm: rsa }),
  ]);
  const publicKey = (id: string) => {
    const exported = ctx.keys.exportPublic(id, 'pem');
    if (exported.format !== 'pem') throw new Error('expected a PEM export');
    return createPublicKey(exported.pem);
  };
  const sim = await startPacoSimulator({
    apiKey: credentials.apiKey,
    token: credentials.token,
    basicUser: 'merchant',
    basicPassword: credentials.basicPassword,
    merchantSigningKeys: [{ kid: signing.jwkThumbprint, key: publicKey(signing.id) }],
    merchantEncryptionKey: { kid: encryption.jwkThumbprint, key: publicKey(encryption.id) },
    rsaBits: 2048,
  });
  return { sim, signingKeyId: signing.id, encryptionKeyId: encryption.id };
}
