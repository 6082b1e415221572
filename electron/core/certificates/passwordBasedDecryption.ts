// Opens what a PKCS#12 file encrypts under its password: the PKCS#12 PBE schemes that `openssl pkcs12 -legacy`,
// Windows and Java write (SHA-1 with 3DES or RC2, RFC 7292 App. C) and PBES2 (PBKDF2 + AES/3DES, RFC 8018 §6.2)
// that OpenSSL 3 writes by default. The ciphers are the CMS layer's: Node's where the runtime has them, our
// TypeScript RC2 where it does not (DESIGN §4), so a legacy file opens the same under Electron, serve and CLI.
import { pbkdf2 as pbkdf2Callback } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { fromBerTree, readBerTree } from '../cms/berDecoding';
import { CipherPaddingError } from '../cms/ciphers/blockCipher';
import { createContentDecryptor, keyLengthRule, readContentAlgorithm, type ContentAlgorithm } from '../cms/contentCiphers';
import { CourierError } from '../errors';
import { bmpPassword, IterationBudget, PKCS12_IV, PKCS12_KEY, pkcs12DeriveBytes } from './pkcs12KeyDerivation';

const pbkdf2 = promisify(pbkdf2Callback);

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';

/** pkcs-12PbeIds (RFC 7292 App. C) Courier opens; the RC4 ones are refused by name. */
const PKCS12_PBE: Record<string, { name: string; keyBytes: number; cipher: (key: Buffer, iv: Buffer) => { algorithm: ContentAlgorithm; key: Buffer } }> = {
  '1.2.840.113549.1.12.1.3': { name: 'pbeWithSHAAnd3-KeyTripleDES-CBC', keyBytes: 24, cipher: (key, iv) => ({ algorithm: { cipher: 'des-ede3-cbc', iv }, key }) },
  // Two-key 3DES is three-key 3DES with K3 = K1.
  '1.2.840.113549.1.12.1.4': {
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    keyBytes: 16,
    cipher: (key, iv) => ({ algorithm: { cipher: 'des-ede3-cbc', iv }, key: Buffer.concat([key, key.subarray(0, 8)]) }),
  },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', keyBytes: 16, cipher: (key, iv) => ({ algorithm: { cipher: 'rc2-cbc', effectiveBits: 128, iv }, key }) },
  '1.2.840.113549.1.12.1.6': { name: 'pbeWithSHAAnd40BitRC2-CBC', keyBytes: 5, cipher: (key, iv) => ({ algorithm: { cipher: 'rc2-cbc', effectiveBits: 40, iv }, key }) },
};

const REFUSED: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.3.6.1.4.1.11591.4.11': 'scrypt',
};

/** PBKDF2 PRFs (RFC 8018 App. B.1) by OID, as Node names the hash. */
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

/** The ciphertext did not decrypt: a wrong password, unless a verified MAC already proved the password right. */
export class DecryptionFailed extends Error {
  override readonly name = 'DecryptionFailed';
}

function unsupported(what: string, algorithm: string): CourierError {
  return new CourierError(
    'BAD_INPUT',
    `${what} is encrypted with ${algorithm}, which Courier does not read.`,
    'Export it again with AES-256 (`openssl pkcs12 -export`) or 3DES (`openssl pkcs12 -export -legacy`).',
  );
}

function malformed(what: string, detail: string): CourierError {
  return new CourierError('BAD_INPUT', `${what} has unreadable encryption parameters (${detail}).`, 'The file is damaged or truncated; export it again.');
}

function items(parameters: ArrayBuffer | null | undefined, what: string, detail: string): asn1js.AsnType[] {
  if (!parameters) throw malformed(what, detail);
  let node: asn1js.AsnType;
  try {
    node = readBerTree(parameters, what);
  } catch {
    throw malformed(what, detail);
  }
  if (!(node instanceof asn1js.Sequence)) throw malformed(what, detail);
  return node.valueBlock.value;
}

function octets(node: asn1js.AsnType | undefined, what: string, detail: string): Buffer {
  if (!(node instanceof asn1js.OctetString) || node.idBlock.isConstructed) throw malformed(what, detail);
  return Buffer.from(node.valueBlock.valueHexView);
}

/** A positive INTEGER; one too large for a count comes back as Infinity, for the budget to refuse. */
function count(node: asn1js.AsnType | undefined, what: string, detail: string): number {
  if (!(node instanceof asn1js.Integer)) throw malformed(what, detail);
  const bytes = node.valueBlock.valueHexView;
  if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0) return 0;
  if (bytes.length > 6) return Infinity;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

async function pkcs12Pbe(oid: string, parameters: ArrayBuffer | null | undefined, password: string | undefined, budget: IterationBudget, what: string) {
  const scheme = PKCS12_PBE[oid]!;
  const [saltNode, iterationsNode] = items(parameters, what, 'pkcs-12PbeParams');
  const salt = octets(saltNode, what, 'salt');
  const iterations = count(iterationsNode, what, 'iterations');
  budget.spend(iterations);
  budget.spend(iterations);
  const secret = bmpPassword(password);
  try {
    const key = await pkcs12DeriveBytes('sha1', secret, salt, PKCS12_KEY, iterations, scheme.keyBytes);
    const iv = await pkcs12DeriveBytes('sha1', secret, salt, PKCS12_IV, iterations, 8);
    return scheme.cipher(key, iv);
  } finally {
    secret.fill(0);
  }
}

async function pbes2(parameters: ArrayBuffer | null | undefined, password: string | undefined, budget: IterationBudget, what: string) {
  const [kdfNode, schemeNode] = items(parameters, what, 'PBES2-params');
  if (!kdfNode || !schemeNode) throw malformed(what, 'PBES2-params');
  const kdf = fromBerTree(kdfNode, AlgorithmIdentifier, what);
  if (kdf.algorithm !== OID_PBKDF2) throw unsupported(what, REFUSED[kdf.algorithm] ?? `the key derivation ${kdf.algorithm}`);
  const algorithm = readContentAlgorithm(fromBerTree(schemeNode, AlgorithmIdentifier, what));
  const [saltNode, iterationsNode, ...rest] = items(kdf.parameters, what, 'PBKDF2-params');
  const salt = octets(saltNode, what, 'PBKDF2 salt');
  const iterations = count(iterationsNode, what, 'PBKDF2 iterations');
  const keyLengthNode = rest[0] instanceof asn1js.Integer ? rest.shift() : undefined;
  const prfNode = rest.shift();
  const prfOid = prfNode ? fromBerTree(prfNode, AlgorithmIdentifier, what).algorithm : '1.2.840.113549.2.7';
  const digest = PRFS[prfOid];
  if (!digest) throw unsupported(what, `PBKDF2 with the PRF ${prfOid}`);
  const rule = keyLengthRule(algorithm);
  const keyLength = keyLengthNode ? count(keyLengthNode, what, 'PBKDF2 key length') : rule.fallback;
  if (keyLength < rule.min || keyLength > rule.max) throw malformed(what, `a ${keyLength}-byte key for its cipher`);
  budget.spend(iterations);
  const secret = Buffer.from(password ?? '', 'utf8');
  try {
    return { algorithm, key: await pbkdf2(secret, salt, iterations, keyLength, digest) };
  } finally {
    secret.fill(0);
  }
}

/**
 * Decrypts `ciphertext` encrypted under `password` with the scheme `identifier` names. Throws DecryptionFailed
 * when the padding does not check out (wrong password or damaged data), a CourierError for anything unreadable.
 */
export async function decryptWithPassword(
  identifier: AlgorithmIdentifier,
  ciphertext: Uint8Array,
  password: string | undefined,
  budget: IterationBudget,
  what: string,
): Promise<Buffer> {
  const oid = identifier.algorithm;
  const refused = REFUSED[oid];
  if (refused) throw unsupported(what, refused);
  let cipher: { algorithm: ContentAlgorithm; key: Buffer };
  if (PKCS12_PBE[oid]) cipher = await pkcs12Pbe(oid, identifier.parameters, password, budget, what);
  else if (oid === OID_PBES2) cipher = await pbes2(identifier.parameters, password, budget, what);
  else throw unsupported(what, `the scheme ${oid}`);
  try {
    const decryptor = createContentDecryptor(cipher.algorithm, cipher.key);
    return Buffer.concat([decryptor.update(ciphertext), decryptor.final()]);
  } catch (error) {
    if (error instanceof CipherPaddingError) throw new DecryptionFailed('padding check failed');
    throw error;
  } finally {
    cipher.key.fill(0);
  }
}
