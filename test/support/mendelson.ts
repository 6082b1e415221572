// The Mendelson AS2 captures (/work/shared/interop/mendelson-as2) and our side's identity in them, "pyas2lib":
// the key and certificate of cert_test.p12 (legacy RC2-40 PKCS#12, password "test"), read with node-forge, an
// implementation we did not write.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import type { RsaIdentity } from './cms';

export const MENDELSON_DIR = new URL('../../../shared/interop/mendelson-as2/', import.meta.url).pathname;
export const mendelsonFile = (name: string): Buffer => readFileSync(join(MENDELSON_DIR, name));
export const PAYLOAD = mendelsonFile('payload.txt');

export function pyas2libIdentity(): RsaIdentity {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(mendelsonFile('cert_test.p12').toString('binary')), 'test');
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const certBag = forge.pki.oids.certBag!;
  const key = p12.getBags({ bagType: keyBag })[keyBag]![0]!.key!;
  const cert = p12.getBags({ bagType: certBag })[certBag]![0]!.cert!;
  return { privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)), certificate: new X509Certificate(forge.pki.certificateToPem(cert)) };
}
