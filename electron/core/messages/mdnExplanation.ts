// What an MDN means for the person reviewing it: a failed disposition, a MIC that does not match, or a signature
// that does not verify, each explained in plain words with what to check. Null when the MDN says all is well.
import type { MessageProblem } from '../../../shared/ipc';
import type { MdnFacts } from './messageRecords';

const modifierExplanations: Record<string, Omit<MessageProblem, 'code'>> = {
  'decryption-failed': {
    summary: 'The partner could not decrypt the message.',
    whatToCheck: 'Check that the partner profile has their current encryption certificate and that the partner has not rotated keys; compare the cipher with what the partner supports.',
  },
  'authentication-failed': {
    summary: 'The partner could not verify our signature.',
    whatToCheck: 'Check that the partner has our current signing certificate (export it from Certificates) and accepts the signing digest; some stations need CMSAlgorithmProtection omitted.',
  },
  'integrity-check-failed': {
    summary: 'The partner says the content changed after we signed it.',
    whatToCheck: 'Check the transfer encoding and text canonicalisation switches: a gateway that rewrote line endings breaks the digest.',
  },
  'insufficient-message-security': {
    summary: 'The partner requires stronger security than this message had.',
    whatToCheck: 'Turn on signing and encryption for this partner, or use the cipher and digest they require.',
  },
  'decompression-failed': {
    summary: 'The partner could not decompress the message.',
    whatToCheck: 'Check the compression setting: turn it off, or switch between compress-before-signing and after-signing to match the partner.',
  },
  'unexpected-processing-error': {
    summary: 'The partner failed to process the message for a reason of its own.',
    whatToCheck: "Read the MDN's text for the partner's reason; check AS2 IDs, the URL and the partner's size limits, then contact the partner.",
  },
};

export function explainMdn(mdn: MdnFacts): MessageProblem | null {
  if (mdn.state === 'pending') return null;
  const modifier = /processed\/(error|failure|warning)\s*:\s*([\w-]+)/i.exec(mdn.disposition ?? '');
  if (modifier) {
    const name = modifier[2]!.toLowerCase();
    const known = modifierExplanations[name];
    const kind = modifier[1]!.toLowerCase();
    return {
      code: `${kind}:${name}`,
      summary: known?.summary ?? `The partner reported ${kind}: ${name}.`,
      whatToCheck: known?.whatToCheck ?? modifierExplanations['unexpected-processing-error']!.whatToCheck,
    };
  }
  if (mdn.direction === 'received' && mdn.micMatches === false) {
    return {
      code: 'mic-mismatch',
      summary: 'MIC mismatch: the partner computed the MIC over a different canonical form of the message than we signed.',
      whatToCheck: 'Check the compression order (before or after signing) and line endings (text canonicalisation, transfer encoding) for this partner.',
    };
  }
  if (mdn.direction === 'received' && (mdn.signature.status === 'invalid' || mdn.signature.status === 'unknown-signer')) {
    return {
      code: `mdn-signature-${mdn.signature.status}`,
      summary: `The MDN's signature did not verify${mdn.signature.reason ? `: ${mdn.signature.reason}` : ''}.`,
      whatToCheck: "Check that the partner profile's signature certificate is the partner's current one; a partner that renewed its certificate signs with the new key.",
    };
  }
  return null;
}
