// Why this file exists: EnvelopedData names its content cipher by OID, and which implementation runs it depends on
// the runtime (DESIGN §4): Node's OpenSSL has AES and 3DES but not RC2, CAST5 or IDEA, Electron's BoringSSL lacks
// more. We ask crypto.getCiphers() once and use the pure-TypeScript cipher wherever the runtime has none.
import { createCipheriv, createDecipheriv, getCiphers, randomBytes } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CipherPaddingError, createCbcDecryptor, createCbcEncryptor, type BlockCipher, type IncrementalCipher } from './ciphers/blockCipher';
import { Cast5 } from './ciphers/cast5';
import { Idea } from './ciphers/idea';
import { Rc2, rc2EffectiveBitsFromVersion, rc2VersionFromEffectiveBits } from './ciphers/rc2';
import {
  readCast5Parameters,
  readIdeaParameters,
  readIv,
  readRc2Parameters,
  writeCast5Parameters,
  writeIdeaParameters,
  writeIv,
  writeRc2Parameters,
  type Cast5ParameterForm,
} from './cipherParameters';
import { CmsError } from './cmsError';
import type { KeyLengthRule } from './implicitRejection';
import { oidAes128Cbc, oidAes192Cbc, oidAes256Cbc, oidCast5Cbc, oidDesEde3Cbc, oidIdeaCbc, oidRc2Cbc } from './oids';

/** The content ciphers Courier encrypts with (RC2 in the three strengths OpenSSL and Bouncy Castle offer). */
export type ContentCipherName =
  | 'aes-128-cbc'
  | 'aes-192-cbc'
  | 'aes-256-cbc'
  | 'des-ede3-cbc'
  | 'rc2-40-cbc'
  | 'rc2-64-cbc'
  | 'rc2-128-cbc'
  | 'cast5-cbc'
  | 'idea-cbc';

/** A content-encryption algorithm with its parameters, as read from or written to an EncryptedContentInfo. */
export type ContentAlgorithm =
  | { cipher: 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'idea-cbc'; iv: Uint8Array }
  | { cipher: 'rc2-cbc'; effectiveBits: number; iv: Uint8Array }
  | { cipher: 'cast5-cbc'; keyBits: number; iv: Uint8Array; parameterForm: Cast5ParameterForm };

const fixed = {
  'aes-128-cbc': { oid: oidAes128Cbc, keyBytes: 16, blockSize: 16 },
  'aes-192-cbc': { oid: oidAes192Cbc, keyBytes: 24, blockSize: 16 },
  'aes-256-cbc': { oid: oidAes256Cbc, keyBytes: 32, blockSize: 16 },
  'des-ede3-cbc': { oid: oidDesEde3Cbc, keyBytes: 24, blockSize: 8 },
  'idea-cbc': { oid: oidIdeaCbc, keyBytes: 16, blockSize: 8 },
} as const;

const rc2Bits = { 'rc2-40-cbc': 40, 'rc2-64-cbc': 64, 'rc2-128-cbc': 128 } as const;

/** The name a person reads: rc2-40-cbc, cast5-cbc, … (RC2 and CAST5 with their key size when it is not the usual). */
export function contentAlgorithmName(algorithm: ContentAlgorithm): string {
  if (algorithm.cipher === 'rc2-cbc') return `rc2-${algorithm.effectiveBits}-cbc`;
  if (algorithm.cipher === 'cast5-cbc' && algorithm.keyBits !== 128) return `cast5-${algorithm.keyBits}-cbc`;
  return algorithm.cipher;
}

export function blockSizeOf(algorithm: ContentAlgorithm): number {
  return algorithm.cipher === 'rc2-cbc' || algorithm.cipher === 'cast5-cbc' ? 8 : fixed[algorithm.cipher].blockSize;
}

/** DES keys carry odd parity in the low bit of each byte (FIPS 46-3); OpenSSL and Bouncy Castle generate them so. */
function withOddParity(key: Buffer): Buffer {
  for (let i = 0; i < key.length; i++) {
    const b = key[i]! & 0xfe;
    let ones = b;
    ones ^= ones >> 4;
    ones ^= ones >> 2;
    ones ^= ones >> 1;
    key[i] = b | ((ones & 1) ^ 1);
  }
  return key;
}

/** A fresh algorithm (random IV) and content-encryption key for `name`. */
export function newContentEncryption(
  name: ContentCipherName,
  cast5Parameters: Cast5ParameterForm = 'rfc2984',
): { algorithm: ContentAlgorithm; key: Buffer } {
  if (name === 'rc2-40-cbc' || name === 'rc2-64-cbc' || name === 'rc2-128-cbc') {
    const bits = rc2Bits[name];
    return { algorithm: { cipher: 'rc2-cbc', effectiveBits: bits, iv: randomBytes(8) }, key: randomBytes(bits / 8) };
  }
  if (name === 'cast5-cbc') {
    return { algorithm: { cipher: name, keyBits: 128, iv: randomBytes(8), parameterForm: cast5Parameters }, key: randomBytes(16) };
  }
  const spec = fixed[name];
  const key = randomBytes(spec.keyBytes);
  return { algorithm: { cipher: name, iv: randomBytes(spec.blockSize) }, key: name === 'des-ede3-cbc' ? withOddParity(key) : key };
}

export function contentAlgorithmIdentifier(algorithm: ContentAlgorithm): AlgorithmIdentifier {
  switch (algorithm.cipher) {
    case 'rc2-cbc':
      return new AlgorithmIdentifier({
        algorithm: oidRc2Cbc,
        parameters: writeRc2Parameters(rc2VersionFromEffectiveBits(algorithm.effectiveBits), algorithm.iv),
      });
    case 'cast5-cbc':
      return new AlgorithmIdentifier({
        algorithm: oidCast5Cbc,
        parameters: algorithm.parameterForm === 'iv' ? writeIv(algorithm.iv) : writeCast5Parameters(algorithm.iv, algorithm.keyBits),
      });
    case 'idea-cbc':
      return new AlgorithmIdentifier({ algorithm: oidIdeaCbc, parameters: writeIdeaParameters(algorithm.iv) });
    default:
      return new AlgorithmIdentifier({ algorithm: fixed[algorithm.cipher].oid, parameters: writeIv(algorithm.iv) });
  }
}

const fixedByOid = new Map<string, keyof typeof fixed>(
  Object.entries(fixed).map(([name, spec]) => [spec.oid, name as keyof typeof fixed]),
);

/** Reads a contentEncryptionAlgorithm; unknown OIDs and unusable parameters are typed errors. */
export function readContentAlgorithm(identifier: AlgorithmIdentifier): ContentAlgorithm {
  const { algorithm: oid, parameters } = identifier;
  if (oid === oidRc2Cbc) {
    const { version, iv } = readRc2Parameters(parameters);
    let bits: number;
    try {
      bits = rc2EffectiveBitsFromVersion(version);
    } catch {
      bits = 0;
    }
    if (bits < 40 || bits % 8 !== 0) {
      throw new CmsError('bad-parameters', `RC2 parameter version ${version} is not a known effective key size`);
    }
    return { cipher: 'rc2-cbc', effectiveBits: bits, iv };
  }
  if (oid === oidCast5Cbc) return { cipher: 'cast5-cbc', ...readCast5Parameters(parameters) };
  if (oid === oidIdeaCbc) return { cipher: 'idea-cbc', iv: readIdeaParameters(parameters) };
  const name = fixedByOid.get(oid);
  if (!name) {
    throw new CmsError(
      'unsupported-algorithm',
      `Decryption failed: content cipher ${oid} is not supported (Courier reads AES-CBC, 3DES, RC2, CAST5 and IDEA)`,
    );
  }
  return { cipher: name, iv: readIv(parameters, fixed[name].blockSize, name) };
}

/**
 * Which content-key lengths the cipher takes. RC2 accepts any key of 1…128 bytes (RFC 2268) whatever its effective
 * size, as OpenSSL does; the key invented by implicit rejection has the length senders use (effective bits / 8).
 */
export function keyLengthRule(algorithm: ContentAlgorithm): KeyLengthRule {
  if (algorithm.cipher === 'rc2-cbc') return { min: 1, max: 128, fallback: Math.min(128, algorithm.effectiveBits / 8) };
  const bytes = algorithm.cipher === 'cast5-cbc' ? algorithm.keyBits / 8 : fixed[algorithm.cipher].keyBytes;
  return { min: bytes, max: bytes, fallback: bytes };
}

/** How a content cipher runs here: Node's OpenSSL by name, or our TypeScript block cipher. */
export type CipherImplementation = { kind: 'node'; name: string } | { kind: 'typescript'; make: () => BlockCipher };

let runtimeCiphers: ReadonlySet<string> | undefined;

/** The runtime's cipher names, asked once. */
function availableCiphers(): ReadonlySet<string> {
  runtimeCiphers ??= new Set(getCiphers());
  return runtimeCiphers;
}

/** The OpenSSL name that runs exactly this algorithm and key, when one exists. */
function nodeName(algorithm: ContentAlgorithm, keyLength: number): string | undefined {
  switch (algorithm.cipher) {
    case 'rc2-cbc':
      if (keyLength * 8 !== algorithm.effectiveBits) return undefined;
      return ({ 5: 'rc2-40-cbc', 8: 'rc2-64-cbc', 16: 'rc2-cbc' } as Record<number, string>)[keyLength];
    case 'cast5-cbc':
    case 'idea-cbc':
      return keyLength === 16 ? algorithm.cipher : undefined;
    default:
      return algorithm.cipher;
  }
}

/** The runtime rule of DESIGN §4; `available` is exposed so tests can show both outcomes. */
export function implementationOf(
  algorithm: ContentAlgorithm,
  key: Uint8Array,
  available: ReadonlySet<string> = availableCiphers(),
): CipherImplementation {
  const name = nodeName(algorithm, key.length);
  if (name && available.has(name)) return { kind: 'node', name };
  switch (algorithm.cipher) {
    case 'rc2-cbc':
      return { kind: 'typescript', make: () => new Rc2(key, algorithm.effectiveBits) };
    case 'cast5-cbc':
      return { kind: 'typescript', make: () => new Cast5(key) };
    case 'idea-cbc':
      return { kind: 'typescript', make: () => new Idea(key) };
    default:
      throw new CmsError('unsupported-algorithm', `This runtime's crypto library has no ${algorithm.cipher}`);
  }
}

function nodeCipher(name: string, key: Uint8Array, iv: Uint8Array, decrypt: boolean): IncrementalCipher {
  const cipher = decrypt ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
  return {
    update: (chunk) => cipher.update(chunk),
    final: () => {
      try {
        return cipher.final();
      } catch {
        // OpenSSL's "bad decrypt" / "wrong final block length": report it as our CBC layer does.
        throw new CipherPaddingError('bad-padding', 'CBC decryption failed the PKCS#7 padding check');
      }
    },
  };
}

function create(algorithm: ContentAlgorithm, key: Uint8Array, decrypt: boolean): IncrementalCipher {
  const implementation = implementationOf(algorithm, key);
  if (implementation.kind === 'node') return nodeCipher(implementation.name, key, algorithm.iv, decrypt);
  const block = implementation.make();
  return decrypt ? createCbcDecryptor(block, algorithm.iv) : createCbcEncryptor(block, algorithm.iv);
}

export function createContentEncryptor(algorithm: ContentAlgorithm, key: Uint8Array): IncrementalCipher {
  return create(algorithm, key, false);
}

/** Decryptor whose final() throws CipherPaddingError on a wrong key or corrupted data, whichever implementation runs. */
export function createContentDecryptor(algorithm: ContentAlgorithm, key: Uint8Array): IncrementalCipher {
  return create(algorithm, key, true);
}
