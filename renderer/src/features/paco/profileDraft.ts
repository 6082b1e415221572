// The profile form's state and its translation into `paco.profiles.save`: what the user typed, the checks
// that need no round trip (a PACO public key is PEM, base64 or a JWK object), and the secrets, which are
// sent only when typed — an empty token or password field on an existing profile keeps the stored one.
import {
  PACO_UAT_BASE_URL,
  type InputOf,
  type PacoProfileSummary,
  pacoContentEncryptions,
  pacoEnvironments,
  pacoSigningAlgorithms,
} from '../../../../shared/ipc';

export interface PacoKeyDraft {
  kid: string;
  key: string;
}

export interface ProfileDraft {
  name: string;
  environment: (typeof pacoEnvironments)[number];
  baseUrl: string;
  apiKey: string;
  token: string;
  basicUser: string;
  basicPassword: string;
  pacoEncryptionKey: PacoKeyDraft;
  pacoSigningKey: PacoKeyDraft;
  merchantSigningKeyId: string | null;
  merchantEncryptionKeyId: string | null;
  signingAlgorithm: (typeof pacoSigningAlgorithms)[number];
  contentEncryption: (typeof pacoContentEncryptions)[number];
}

const keyText = (key: string | Record<string, unknown>): string => (typeof key === 'string' ? key : JSON.stringify(key, null, 2));

export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    environment: 'uat',
    baseUrl: '',
    apiKey: '',
    token: '',
    basicUser: '',
    basicPassword: '',
    pacoEncryptionKey: { kid: '', key: '' },
    pacoSigningKey: { kid: '', key: '' },
    merchantSigningKeyId: null,
    merchantEncryptionKeyId: null,
    signingAlgorithm: 'PS256',
    contentEncryption: 'A128CBC-HS256',
  };
}

export function draftOf(profile: PacoProfileSummary): ProfileDraft {
  const signing = profile.pacoSigningKeys[0];
  return {
    name: profile.name,
    environment: profile.environment,
    baseUrl: profile.environment === 'uat' && profile.baseUrl === PACO_UAT_BASE_URL ? '' : profile.baseUrl,
    apiKey: profile.issuer,
    token: '',
    basicUser: profile.basicUser,
    basicPassword: '',
    pacoEncryptionKey: { kid: profile.pacoEncryptionKey.kid, key: keyText(profile.pacoEncryptionKey.key) },
    pacoSigningKey: signing ? { kid: signing.kid, key: keyText(signing.key) } : { kid: '', key: '' },
    merchantSigningKeyId: profile.merchantSigningKeyId,
    merchantEncryptionKeyId: profile.merchantEncryptionKeyId,
    signingAlgorithm: profile.signingAlgorithm,
    contentEncryption: profile.contentEncryption,
  };
}

export type DraftErrors = Partial<Record<string, string>>;

function publicKey(draft: PacoKeyDraft, field: string, errors: DraftErrors): string | Record<string, unknown> {
  if (draft.kid.trim() === '') errors[`${field}.kid`] = 'Enter the kid PACO gave with this key.';
  const text = draft.key.trim();
  if (text === '') {
    errors[`${field}.key`] = 'Paste the key as PEM, base64 or a JWK.';
    return text;
  }
  if (!text.startsWith('{')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  errors[`${field}.key`] = 'This looks like a JWK but is not a valid JSON object.';
  return text;
}

/** The save input, or the fields to fix; `existing` tells whether blank secrets keep the stored ones. */
export function toSaveInput(draft: ProfileDraft, existing: PacoProfileSummary | null): { input: InputOf<'paco.profiles.save'> | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (draft.name.trim() === '') errors.name = 'Give the profile a name, e.g. uat-shop.';
  if (draft.environment === 'production' && draft.baseUrl.trim() === '') errors.baseUrl = 'A production profile needs the base URL 2C2P gave you.';
  if (draft.apiKey.trim() === '') errors.apiKey = 'Enter the API key 2C2P assigned (the iss of every request).';
  if (draft.basicUser.trim() === '') errors.basicUser = 'Enter the Basic user name.';
  if (!existing?.sealed.companyHeader && draft.token === '') errors.token = 'Enter the company token.';
  if (!existing?.sealed.basicAuth && draft.basicPassword === '') errors.basicPassword = 'Enter the Basic password.';
  const pacoEncryptionKey = publicKey(draft.pacoEncryptionKey, 'pacoEncryptionKey', errors);
  const pacoSigningKey = publicKey(draft.pacoSigningKey, 'pacoSigningKey', errors);
  if (draft.merchantSigningKeyId === null) errors.merchantSigningKeyId = 'Choose the key that signs your requests.';
  if (draft.merchantEncryptionKeyId === null) errors.merchantEncryptionKeyId = 'Choose the key PACO encrypts its answers to.';
  if (Object.keys(errors).length > 0 || draft.merchantSigningKeyId === null || draft.merchantEncryptionKeyId === null) return { input: null, errors };
  const extraSigningKeys = existing?.pacoSigningKeys.slice(1) ?? [];
  return {
    errors,
    input: {
      name: draft.name.trim(),
      environment: draft.environment,
      ...(draft.baseUrl.trim() === '' ? {} : { baseUrl: draft.baseUrl.trim() }),
      apiKey: draft.apiKey.trim(),
      ...(draft.token === '' ? {} : { token: draft.token }),
      basicUser: draft.basicUser.trim(),
      ...(draft.basicPassword === '' ? {} : { basicPassword: draft.basicPassword }),
      pacoEncryptionKey: { kid: draft.pacoEncryptionKey.kid.trim(), key: pacoEncryptionKey },
      pacoSigningKeys: [{ kid: draft.pacoSigningKey.kid.trim(), key: pacoSigningKey }, ...extraSigningKeys],
      merchantSigningKeyId: draft.merchantSigningKeyId,
      merchantEncryptionKeyId: draft.merchantEncryptionKeyId,
      signingAlgorithm: draft.signingAlgorithm,
      contentEncryption: draft.contentEncryption,
    },
  };
}
