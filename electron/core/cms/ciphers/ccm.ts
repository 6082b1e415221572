// Why this file exists: Electron's BoringSSL has no AES-CCM (DESIGN §4), yet partners may send RFC 5084 AES-CCM.
// CCM (RFC 3610) is CBC-MAC plus CTR over plain AES, both of which every runtime has, so it is composed here from
// the runtime's aes-*-cbc (for the MAC) and aes-*-ctr (for the keystream); checked against RFC 3610's vectors.
import { createCipheriv, timingSafeEqual } from 'node:crypto';

const BLOCK = 16;

function aesName(key: Uint8Array, mode: 'cbc' | 'ctr'): string {
  return `aes-${key.length * 8}-${mode}`;
}

/** The CBC-MAC over B0 ‖ encoded AAD ‖ message (RFC 3610 §2.2), each part zero-padded to whole blocks. */
function cbcMac(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, message: Uint8Array, tagLength: number): Buffer {
  const L = 15 - nonce.length;
  const b0 = Buffer.alloc(BLOCK);
  b0[0] = (aad.length > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (L - 1);
  Buffer.from(nonce).copy(b0, 1);
  for (let i = 0, n = message.length; i < L; i++, n = Math.floor(n / 256)) b0[15 - i] = n & 0xff;
  const parts: Buffer[] = [b0];
  if (aad.length > 0) {
    // RFC 3610 §2.2: 2 length bytes below 2^16 - 2^8, else 0xFFFE and 4 bytes (AAD here is far below 2^32).
    const prefix = aad.length < 0xff00 ? Buffer.from([aad.length >> 8, aad.length & 0xff]) : Buffer.from([0xff, 0xfe, aad.length >>> 24, (aad.length >> 16) & 0xff, (aad.length >> 8) & 0xff, aad.length & 0xff]);
    parts.push(prefix, Buffer.from(aad), Buffer.alloc((BLOCK - ((prefix.length + aad.length) % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.from(message), Buffer.alloc((BLOCK - (message.length % BLOCK)) % BLOCK));
  const mac = createCipheriv(aesName(key, 'cbc'), key, Buffer.alloc(BLOCK)).setAutoPadding(false);
  const chain = Buffer.concat([mac.update(Buffer.concat(parts)), mac.final()]);
  return chain.subarray(chain.length - BLOCK, chain.length - BLOCK + tagLength);
}

/** CTR keystream from counter block A_0 (RFC 3610 §2.3): S_0 masks the tag, S_1… the message. */
function ctr(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): { masked: Buffer; s0: Buffer } {
  const a0 = Buffer.alloc(BLOCK);
  a0[0] = 15 - nonce.length - 1;
  Buffer.from(nonce).copy(a0, 1);
  const cipher = createCipheriv(aesName(key, 'ctr'), key, a0);
  const out = Buffer.concat([cipher.update(Buffer.concat([Buffer.alloc(BLOCK), data])), cipher.final()]);
  return { s0: out.subarray(0, BLOCK), masked: out.subarray(BLOCK) };
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ b[i]!));
}

/** CCM encryption: ciphertext and the tag (tagLength bytes). The caller checks lengths (nonce 7…13, tag 4…16 even). */
export function ccmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength: number): { ciphertext: Buffer; tag: Buffer } {
  const tag = cbcMac(key, nonce, aad, plaintext, tagLength);
  const { masked, s0 } = ctr(key, nonce, plaintext);
  return { ciphertext: masked, tag: xor(tag, s0) };
}

/** CCM decryption; undefined when the tag does not verify (the plaintext is wiped, never returned). */
export function ccmOpen(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array, tag: Uint8Array): Buffer | undefined {
  const { masked: plaintext, s0 } = ctr(key, nonce, ciphertext);
  const expected = xor(cbcMac(key, nonce, aad, plaintext, tag.length), s0);
  if (timingSafeEqual(expected, tag)) return plaintext;
  plaintext.fill(0);
  return undefined;
}
