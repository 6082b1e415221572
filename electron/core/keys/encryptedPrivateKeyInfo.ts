// PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) under PBES2 (RFC 8018 §6.2): PBKDF2-HMAC-SHA256 and
// AES-256-CBC, the one form in which Courier writes a private key anywhere. `openssl pkcs8` opens it,
// so neither the keys folder nor an export locks anyone in. Reading is left to OpenSSL (createPrivateKey).
import { createCipheriv, pbkdf2 as pbkdf2Callback, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';

const pbkdf2 = promisify(pbkdf2Callback);

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

const SALT_BYTES = 16;
const IV_BYTES = 16;
const AES_256_KEY_BYTES = 32;

export interface Pbes2Options {
  /** PBKDF2 iteration count; what it should be depends on how much entropy the passphrase has. */
  iterations: number;
}

function algorithmIdentifier(oid: string, parameters: asn1js.AsnType): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), parameters] });
}

/** DER EncryptedPrivateKeyInfo holding `privateKeyInfo` (a DER PKCS#8 PrivateKeyInfo). */
export async function encryptPrivateKeyInfo(privateKeyInfo: Uint8Array, passphrase: string, options: Pbes2Options): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await pbkdf2(Buffer.from(passphrase, 'utf8'), salt, options.iterations, AES_256_KEY_BYTES, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(privateKeyInfo), cipher.final()]);
  key.fill(0);

  const pbkdf2Params = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: salt }), new asn1js.Integer({ value: options.iterations }), algorithmIdentifier(OID.hmacWithSha256, new asn1js.Null())],
  });
  const pbes2Params = new asn1js.Sequence({
    value: [algorithmIdentifier(OID.pbkdf2, pbkdf2Params), algorithmIdentifier(OID.aes256Cbc, new asn1js.OctetString({ valueHex: iv }))],
  });
  const info = new asn1js.Sequence({ value: [algorithmIdentifier(OID.pbes2, pbes2Params), new asn1js.OctetString({ valueHex: encrypted })] });
  return Buffer.from(info.toBER(false));
}

/** RFC 7468 §11 textual form: `-----BEGIN ENCRYPTED PRIVATE KEY-----`, base64 in 64-character lines. */
export function encryptedPrivateKeyPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN ENCRYPTED PRIVATE KEY-----', ...lines, '-----END ENCRYPTED PRIVATE KEY-----', ''].join('\n');
}
