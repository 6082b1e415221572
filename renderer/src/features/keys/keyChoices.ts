// What a user chooses from when generating a key: the five purposes in plain words, the algorithms the
// contract accepts, and the advice that stops a key being made for a purpose it cannot serve.
import { ecCurves, keyPurposes, rsaKeySizes, type KeyAlgorithm, type KeyPurpose } from '../../../../shared/ipc';
import { algorithmLabel } from './keyFormat';

export interface PurposeChoice {
  value: KeyPurpose;
  label: string;
  description: string;
}

const purposeText: Record<KeyPurpose, Omit<PurposeChoice, 'value'>> = {
  'paco-signing': { label: 'PACO signing', description: 'Signs the requests Courier sends to 2C2P PACO.' },
  'paco-encryption': { label: 'PACO encryption', description: 'Decrypts the responses 2C2P PACO encrypts to you.' },
  'as2-signing': { label: 'AS2 signing', description: 'Signs the messages and receipts (MDNs) you send to AS2 partners.' },
  'as2-encryption': { label: 'AS2 encryption', description: 'Decrypts the messages AS2 partners encrypt to you.' },
  'tls-client': { label: 'TLS client authentication', description: "Proves this Courier's identity to partner servers that ask for a client certificate." },
};

export const purposeChoices: PurposeChoice[] = keyPurposes.map((value) => ({ value, ...purposeText[value] }));

export function purposeLabel(purpose: KeyPurpose): string {
  return purposeText[purpose].label;
}

export interface AlgorithmChoice {
  value: string;
  label: string;
  algorithm: KeyAlgorithm;
}

export const algorithmChoices: AlgorithmChoice[] = [
  ...rsaKeySizes.map((bits) => ({ type: 'rsa', bits }) as const),
  ...ecCurves.map((curve) => ({ type: 'ec', curve }) as const),
].map((algorithm) => ({
  value: algorithm.type === 'rsa' ? `rsa-${algorithm.bits}` : `ec-${algorithm.curve}`,
  label: algorithmLabel(algorithm),
  algorithm,
}));

export const DEFAULT_ALGORITHM = 'rsa-4096';

/** Why this algorithm will not serve this purpose, or null when it will. */
export function purposeAdvice(purpose: KeyPurpose, algorithm: KeyAlgorithm): string | null {
  const rsa4096 = algorithm.type === 'rsa' && algorithm.bits === 4096;
  if ((purpose === 'paco-signing' || purpose === 'paco-encryption') && !rsa4096) {
    return '2C2P asks for RSA 4096 key pairs for PACO; it may refuse this key.';
  }
  if ((purpose === 'as2-signing' || purpose === 'as2-encryption') && algorithm.type === 'ec') {
    return 'Courier signs and decrypts AS2 messages with RSA keys; choose RSA for AS2.';
  }
  return null;
}
