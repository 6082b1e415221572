// Reads a PKCS#12 file (RFC 7292) into what Courier keeps of an identity: the private keys (as DER PKCS#8, for
// the key vault to encrypt at once) and every certificate. The MAC is checked before anything is decrypted, so a
// wrong password is told apart from a damaged file. The password is only ever held by this call; no error,
// log line or result carries it.
import { createHmac, createPrivateKey, createPublicKey, timingSafeEqual } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AuthenticatedSafe, CertBag, id_certBag, id_keyBag, id_pkcs8ShroudedKeyBag, id_SafeContents, id_x509Certificate, PFX, SafeContents, type SafeBag } from '@peculiar/asn1-pfx';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { EncryptedContentInfo } from '@peculiar/asn1-cms';
import { decodeBer, decodeOctetString, fromBerTree, readBerTree } from '../cms/berDecoding';
import { CmsError } from '../cms/cmsError';
import { CourierError } from '../errors';
import { decryptWithPassword, DecryptionFailed } from './passwordBasedDecryption';
import { bmpPassword, IterationBudget, PKCS12_MAC, pkcs12DeriveBytes, pkcs12HashBytes, type Pkcs12Hash } from './pkcs12KeyDerivation';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_ENVELOPED_DATA = '1.2.840.113549.1.7.3';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';

const MAC_HASHES: Record<string, Pkcs12Hash> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Far above any real identity file (a key, its certificate and a chain of a few CAs). */
const MAX_SAFES = 16;
const MAX_BAGS = 256;
const MAX_KEYS = 8;
const MAX_NESTING = 2;

export interface Pkcs12Key {
  /** DER PKCS#8 PrivateKeyInfo, unencrypted: the caller stores it encrypted and then zeroes this buffer. */
  privateKeyInfo: Buffer;
  /** DER SubjectPublicKeyInfo of the key, to match it with its certificate. */
  spki: Buffer;
  friendlyName: string | null;
}

export interface Pkcs12Contents {
  keys: Pkcs12Key[];
  /** DER certificates, in the order of the file. */
  certificates: Buffer[];
}

/** How the password was settled: proven by the MAC, or only to be proven by decryption. */
interface PasswordState {
  password: string | undefined;
  verified: boolean;
  given: boolean;
}

class Reader {
  readonly keys: Pkcs12Key[] = [];
  readonly certificates: Buffer[] = [];
  private bags = 0;

  constructor(
    private readonly what: string,
    private readonly state: PasswordState,
    private readonly budget: IterationBudget,
  ) {}

  /** A failure after decryption means a wrong password unless the MAC already proved it right. */
  passwordProblem(): CourierError {
    if (this.state.verified) return new CourierError('BAD_INPUT', `${this.what} is damaged: its contents do not decrypt although its MAC checks out.`, 'Export the file again.');
    return passwordError(this.what, this.state.given);
  }

  async decrypt(algorithm: Parameters<typeof decryptWithPassword>[0], ciphertext: Uint8Array, part: string): Promise<Buffer> {
    try {
      return await decryptWithPassword(algorithm, ciphertext, this.state.password, this.budget, `${this.what} (${part})`);
    } catch (error) {
      if (error instanceof DecryptionFailed) throw this.passwordProblem();
      throw error;
    }
  }

  /** Parses decrypted bytes; garbage here is the sign of a wrong password when no MAC vouched for it. */
  afterDecryption<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (!this.state.verified && error instanceof CourierError) throw this.passwordProblem();
      throw error;
    }
  }

  async safeContents(bytes: Uint8Array, depth: number, decrypted: boolean): Promise<void> {
    const parse = () => decodeBer(bytes, SafeContents, `${this.what} (SafeContents)`);
    const bags = decrypted ? this.afterDecryption(parse) : parse();
    for (const bag of bags) {
      if (++this.bags > MAX_BAGS) throw new CourierError('BAD_INPUT', `${this.what} holds more than ${MAX_BAGS} items.`, 'Give a file with one identity and its chain.');
      await this.bag(bag, depth, decrypted);
    }
  }

  private async bag(bag: SafeBag, depth: number, decrypted: boolean): Promise<void> {
    switch (bag.bagId) {
      case id_keyBag:
        return this.key(Buffer.from(bag.bagValue), bag, decrypted);
      case id_pkcs8ShroudedKeyBag: {
        const shrouded = decodeBer(bag.bagValue, EncryptedPrivateKeyInfo, `${this.what} (key bag)`);
        const clear = await this.decrypt(shrouded.encryptionAlgorithm, new Uint8Array(shrouded.encryptedData.buffer), 'key bag');
        return this.key(clear, bag, true);
      }
      case id_certBag: {
        const certBag = decodeBer(bag.bagValue, CertBag, `${this.what} (certificate bag)`);
        if (certBag.certId === id_x509Certificate) this.certificates.push(Buffer.from(decodeOctetString(certBag.certValue, `${this.what} (certificate bag)`)));
        return;
      }
      case id_SafeContents:
        if (depth >= MAX_NESTING) throw new CourierError('BAD_INPUT', `${this.what} nests its contents too deeply.`, 'Export the file again.');
        return this.safeContents(new Uint8Array(bag.bagValue), depth + 1, decrypted);
      default:
        // CRL and secret bags, or kinds Courier has no use for: skipped.
        return;
    }
  }

  private key(privateKeyInfo: Buffer, bag: SafeBag, decrypted: boolean): void {
    if (this.keys.length === MAX_KEYS) throw new CourierError('BAD_INPUT', `${this.what} holds more than ${MAX_KEYS} private keys.`, 'Give a file with one identity.');
    let spki: Buffer;
    try {
      spki = createPublicKey(createPrivateKey({ key: privateKeyInfo, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    } catch {
      privateKeyInfo.fill(0);
      if (decrypted && !this.state.verified) throw this.passwordProblem();
      throw new CourierError('BAD_INPUT', `${this.what} holds a private key that cannot be read.`, 'Export the file again; Courier reads RSA and EC keys.');
    }
    this.keys.push({ privateKeyInfo, spki, friendlyName: friendlyNameOf(bag) });
  }
}

function passwordError(what: string, given: boolean): CourierError {
  return given
    ? new CourierError('WRONG_PASSWORD', `The password does not open ${what.replace(/^The /, 'the ')}.`, 'Check the password (it is case-sensitive) and try again; nothing was imported.')
    : new CourierError('PASSWORD_REQUIRED', `${what} is protected by a password.`, 'Give the password of the PKCS#12 file (with --password-file in the CLI).');
}

function friendlyNameOf(bag: SafeBag): string | null {
  const value = bag.bagAttributes?.find((attribute) => attribute.attrId === OID_FRIENDLY_NAME)?.attrValues[0];
  if (!value) return null;
  try {
    const node = readBerTree(value, 'friendlyName');
    return node instanceof asn1js.BmpString ? node.valueBlock.value : null;
  } catch {
    return null;
  }
}

/** RFC 7292 §5.1 step 3 backwards: HMAC over the AuthenticatedSafe with the key the password derives. */
async function macMatches(pfx: PFX, authSafe: Uint8Array, password: string | undefined, budget: IterationBudget, what: string): Promise<boolean> {
  const { mac, macSalt, iterations } = pfx.macData;
  const hash = MAC_HASHES[mac.digestAlgorithm.algorithm];
  if (!hash) {
    throw new CourierError('BAD_INPUT', `${what} is protected by a MAC algorithm Courier does not read (${mac.digestAlgorithm.algorithm}).`, 'Export it again with OpenSSL (`openssl pkcs12 -export`).');
  }
  budget.spend(iterations);
  const expected = Buffer.from(mac.digest.buffer);
  const secret = bmpPassword(password);
  const macKey = await pkcs12DeriveBytes(hash, secret, new Uint8Array(macSalt.buffer), PKCS12_MAC, iterations, pkcs12HashBytes(hash));
  secret.fill(0);
  const actual = createHmac(hash, macKey).update(authSafe).digest();
  macKey.fill(0);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Settles the password with the MAC; without a password, the empty and the absent one are tried, as OpenSSL does. */
async function settlePassword(pfx: PFX, hasMac: boolean, authSafe: Uint8Array, password: string | undefined, budget: IterationBudget, what: string): Promise<PasswordState> {
  const given = password !== undefined;
  if (!hasMac) return { password: password ?? '', verified: false, given };
  for (const candidate of given ? [password] : ['', undefined]) {
    if (await macMatches(pfx, authSafe, candidate, budget, what)) return { password: candidate, verified: true, given };
  }
  throw passwordError(what, given);
}

function encryptedContent(bytes: ArrayBuffer, what: string): { info: EncryptedContentInfo; ciphertext: Uint8Array } {
  const tree = readBerTree(bytes, what);
  const node = tree instanceof asn1js.Sequence ? tree.valueBlock.value[1] : undefined;
  if (!node) throw new CourierError('BAD_INPUT', `${what} has an EncryptedData without content.`, 'The file is damaged; export it again.');
  const info = fromBerTree(node, EncryptedContentInfo, what);
  const content = info.encryptedContent;
  if (content?.value) return { info, ciphertext: new Uint8Array(content.value.buffer) };
  if (content?.constructedValue) return { info, ciphertext: Buffer.concat(content.constructedValue.map((chunk) => new Uint8Array(chunk.buffer))) };
  throw new CourierError('BAD_INPUT', `${what} has an EncryptedData without content.`, 'The file is damaged; export it again.');
}

async function readPfx(bytes: Uint8Array, password: string | undefined, what: string): Promise<Pkcs12Contents> {
  const tree = readBerTree(bytes, what);
  const pfx = fromBerTree(tree, PFX, what);
  if (pfx.version !== 3) throw new CourierError('BAD_INPUT', `${what} is PKCS#12 version ${pfx.version}; Courier reads version 3.`, 'Export it again with current software.');
  if (pfx.authSafe.contentType !== OID_DATA) {
    throw new CourierError('BAD_INPUT', `${what} uses public-key integrity protection, which Courier does not read.`, 'Export it again with password protection.');
  }
  const authSafe = decodeOctetString(pfx.authSafe.content, `${what} (authSafe)`);
  const hasMac = (tree as asn1js.Sequence).valueBlock.value.length > 2;
  const budget = new IterationBudget(what);
  const state = await settlePassword(pfx, hasMac, authSafe, password, budget, what);
  const reader = new Reader(what, state, budget);
  try {
    await readSafes(reader, authSafe, what);
  } catch (error) {
    for (const key of reader.keys) key.privateKeyInfo.fill(0);
    throw error;
  }
  return { keys: reader.keys, certificates: reader.certificates };
}

async function readSafes(reader: Reader, authSafe: Uint8Array, what: string): Promise<void> {
  const safes = decodeBer(authSafe, AuthenticatedSafe, `${what} (AuthenticatedSafe)`);
  if (safes.length > MAX_SAFES) throw new CourierError('BAD_INPUT', `${what} holds more than ${MAX_SAFES} safes.`, 'Give a file with one identity and its chain.');
  for (const safe of safes) {
    if (safe.contentType === OID_DATA) {
      await reader.safeContents(decodeOctetString(safe.content, `${what} (SafeContents)`), 0, false);
    } else if (safe.contentType === OID_ENCRYPTED_DATA) {
      const { info, ciphertext } = encryptedContent(safe.content, `${what} (EncryptedData)`);
      await reader.safeContents(await reader.decrypt(info.contentEncryptionAlgorithm, ciphertext, 'certificates'), 0, true);
    } else if (safe.contentType === OID_ENVELOPED_DATA) {
      throw new CourierError('BAD_INPUT', `${what} is encrypted to a public key (public-key privacy mode), which Courier does not read.`, 'Export it again with password protection.');
    } else {
      throw new CourierError('BAD_INPUT', `${what} holds content of type ${safe.contentType}, which PKCS#12 does not define.`, 'The file is damaged; export it again.');
    }
  }
}

/**
 * The keys and certificates of a PKCS#12 file. Throws WRONG_PASSWORD / PASSWORD_REQUIRED when the password does
 * not open it, BAD_INPUT for a damaged, hostile or unsupported file; the password never appears in either.
 */
export async function readPkcs12(bytes: Uint8Array, password: string | undefined, fileName: string): Promise<Pkcs12Contents> {
  const what = `The PKCS#12 file ${fileName}`;
  try {
    return await readPfx(bytes, password, what);
  } catch (error) {
    // The CMS layer reports partner-message failures; here the same faults are a bad file.
    if (error instanceof CmsError) throw new CourierError('BAD_INPUT', error.message, 'The file is damaged, truncated or not PKCS#12; export it again.');
    throw error;
  }
}
