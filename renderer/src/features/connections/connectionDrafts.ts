// The Connections forms' state and their translation into the save inputs of FISCAL profiles, Pagero profiles
// and Pagero push endpoints. Secrets (access token, passwords, client secrets) are sent only when typed: an
// empty field on an existing profile keeps the sealed value, and nothing here ever holds a stored one.
import {
  PAGERO_API_BASE_URL,
  PAGERO_SSO_URL,
  fiscalRegions,
  pageroAuthModes,
  pageroPushAuthModes,
  type FiscalProfileSummary,
  type InputOf,
  type PageroEndpointSummary,
  type PageroProfileSummary,
} from '../../../../shared/ipc';

export type DraftErrors = Partial<Record<string, string>>;
type Outcome<N extends 'fiscal.profiles.save' | 'pagero.profiles.save' | 'pagero.endpoints.save'> = { input: InputOf<N> | null; errors: DraftErrors };

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const SHORTNAME = /^[a-z0-9]{1,64}$/;
const nameError = 'A name is 1–64 letters, digits and . _ - (e.g. acme-live).';
const isHttps = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

export interface FiscalDraft {
  name: string;
  region: (typeof fiscalRegions)[number];
  customer: string;
  unit: string;
  token: string;
  tokenExpiresOn: string;
  remindDaysBefore: number;
}

export function fiscalDraftOf(profile: FiscalProfileSummary | null): FiscalDraft {
  if (!profile) return { name: '', region: 'uksouth', customer: '', unit: '', token: '', tokenExpiresOn: '', remindDaysBefore: 14 };
  return {
    name: profile.name,
    region: profile.region,
    customer: profile.customer,
    unit: profile.unit === profile.customer ? '' : profile.unit,
    token: '',
    tokenExpiresOn: '',
    remindDaysBefore: profile.access.remindDaysBefore,
  };
}

export function toFiscalInput(draft: FiscalDraft, existing: FiscalProfileSummary | null): Outcome<'fiscal.profiles.save'> {
  const errors: DraftErrors = {};
  if (!NAME.test(draft.name.trim())) errors.name = nameError;
  if (!SHORTNAME.test(draft.customer.trim())) errors.customer = 'The customer shortname FISCAL gave you: lowercase letters and digits only.';
  if (draft.unit.trim() !== '' && !SHORTNAME.test(draft.unit.trim())) errors.unit = 'A unit shortname is lowercase letters and digits only (empty: same as the customer).';
  const token = draft.token.trim();
  if (!existing?.access.stored && token === '') errors.token = 'Paste the access token made in FISCAL (Organisation Settings › Access Tokens).';
  if (token !== '' && !/^[\x21-\x7e]+$/.test(token)) errors.token = 'An access token is printable characters without spaces; paste it exactly as FISCAL showed it.';
  if (draft.tokenExpiresOn !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(draft.tokenExpiresOn)) errors.tokenExpiresOn = 'A date looks like 2026-12-31.';
  if (!Number.isInteger(draft.remindDaysBefore) || draft.remindDaysBefore < 1 || draft.remindDaysBefore > 365) errors.remindDaysBefore = 'Remind 1 to 365 days before.';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      name: draft.name.trim(),
      region: draft.region,
      customer: draft.customer.trim(),
      ...(draft.unit.trim() === '' ? {} : { unit: draft.unit.trim() }),
      ...(token === '' ? {} : { token }),
      ...(draft.tokenExpiresOn === '' ? {} : { tokenExpiresOn: draft.tokenExpiresOn }),
      remindDaysBefore: draft.remindDaysBefore,
    },
  };
}

export interface PageroDraft {
  name: string;
  baseUrl: string;
  documentType: string;
  sendMode: string;
  authMode: (typeof pageroAuthModes)[number];
  username: string;
  password: string;
  ssoUrl: string;
  clientId: string;
  clientSecret: string;
}

export function pageroDraftOf(profile: PageroProfileSummary | null): PageroDraft {
  if (!profile) return { name: '', baseUrl: PAGERO_API_BASE_URL, documentType: 'invoice', sendMode: 'test', authMode: 'oauth2-password', username: '', password: '', ssoUrl: PAGERO_SSO_URL, clientId: '', clientSecret: '' };
  return {
    name: profile.name,
    baseUrl: profile.baseUrl,
    documentType: profile.documentType,
    sendMode: profile.sendMode,
    authMode: profile.authMode,
    username: profile.username,
    password: '',
    ssoUrl: profile.ssoUrl ?? PAGERO_SSO_URL,
    clientId: profile.clientId ?? '',
    clientSecret: '',
  };
}

const SEGMENT = /^[A-Za-z0-9._-]{1,64}$/;
const USER = (value: string) => value.length > 0 && value.length <= 200 && !value.includes(':') && !/\p{Cc}/u.test(value);

export function toPageroInput(draft: PageroDraft, existing: PageroProfileSummary | null): Outcome<'pagero.profiles.save'> {
  const errors: DraftErrors = {};
  const oauth = draft.authMode === 'oauth2-password';
  if (!NAME.test(draft.name.trim())) errors.name = nameError;
  if (!isHttps(draft.baseUrl.trim())) errors.baseUrl = `The Interchange API's https:// address, e.g. ${PAGERO_API_BASE_URL}.`;
  if (!SEGMENT.test(draft.documentType.trim())) errors.documentType = 'One word from your interconnect specification, e.g. invoice.';
  if (!SEGMENT.test(draft.sendMode.trim())) errors.sendMode = 'One word, e.g. test or prod.';
  if (!USER(draft.username.trim())) errors.username = 'The user name Pagero gave you (no colon).';
  if (!existing?.sealed.login && draft.password === '') errors.password = 'Enter the password Pagero gave you.';
  if (oauth) {
    if (!isHttps(draft.ssoUrl.trim())) errors.ssoUrl = `The token endpoint's https:// address, e.g. ${PAGERO_SSO_URL}.`;
    if (!USER(draft.clientId.trim())) errors.clientId = 'The client id Pagero gave you (no colon).';
    if (!existing?.sealed.client && draft.clientSecret === '') errors.clientSecret = 'Enter the client secret Pagero gave you.';
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      name: draft.name.trim(),
      baseUrl: draft.baseUrl.trim(),
      documentType: draft.documentType.trim(),
      sendMode: draft.sendMode.trim(),
      authMode: draft.authMode,
      username: draft.username.trim(),
      ...(draft.password === '' ? {} : { password: draft.password }),
      ...(oauth ? { ssoUrl: draft.ssoUrl.trim(), clientId: draft.clientId.trim() } : {}),
      ...(oauth && draft.clientSecret !== '' ? { clientSecret: draft.clientSecret } : {}),
    },
  };
}

export interface EndpointDraft {
  name: string;
  authMode: (typeof pageroPushAuthModes)[number];
  basicUser: string;
  basicPassword: string;
  clientId: string;
  clientSecret: string;
  accessLifetimeSeconds: number;
  clientCaPem: string;
  /** Header names, separated by commas or new lines. */
  recordHeaders: string;
}

export function endpointDraftOf(endpoint: PageroEndpointSummary | null): EndpointDraft {
  return {
    name: endpoint?.name ?? '',
    authMode: endpoint?.authMode ?? 'basic',
    basicUser: endpoint?.basicUser ?? '',
    basicPassword: '',
    clientId: endpoint?.clientId ?? '',
    clientSecret: '',
    accessLifetimeSeconds: endpoint?.accessLifetimeSeconds ?? 3600,
    clientCaPem: '',
    recordHeaders: endpoint?.recordHeaders.join(', ') ?? '',
  };
}

const HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export function toEndpointInput(draft: EndpointDraft, existing: PageroEndpointSummary | null): Outcome<'pagero.endpoints.save'> {
  const errors: DraftErrors = {};
  if (!NAME.test(draft.name.trim())) errors.name = nameError;
  const headers = draft.recordHeaders
    .split(/[,\n]/)
    .map((header) => header.trim())
    .filter((header) => header !== '');
  const badHeader = headers.find((header) => !HEADER.test(header));
  if (badHeader !== undefined) errors.recordHeaders = `“${badHeader}” is not an HTTP header name.`;
  else if (headers.length > 50) errors.recordHeaders = 'Record up to 50 headers.';
  if (draft.authMode === 'basic') {
    if (!USER(draft.basicUser.trim())) errors.basicUser = 'The user name Pagero logs in with (no colon).';
    if (!existing?.sealed.basic && draft.basicPassword === '') errors.basicPassword = 'Choose the password Pagero logs in with.';
  }
  if (draft.authMode === 'oauth2-client-credentials') {
    if (!USER(draft.clientId.trim())) errors.clientId = 'The client id Pagero is given (no colon).';
    if (!existing?.sealed.client && draft.clientSecret === '') errors.clientSecret = 'Choose the client secret Pagero is given.';
    if (!Number.isInteger(draft.accessLifetimeSeconds) || draft.accessLifetimeSeconds < 60 || draft.accessLifetimeSeconds > 86_400) errors.accessLifetimeSeconds = 'Between 60 and 86,400 seconds.';
  }
  if (draft.authMode === 'mtls' && (existing?.clientCas.length ?? 0) === 0 && !draft.clientCaPem.includes('-----BEGIN CERTIFICATE-----')) {
    errors.clientCaPem = 'Paste the PEM of the CA that issues Pagero’s client certificates.';
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      name: draft.name.trim(),
      authMode: draft.authMode,
      ...(draft.authMode === 'basic' ? { basicUser: draft.basicUser.trim() } : {}),
      ...(draft.authMode === 'basic' && draft.basicPassword !== '' ? { basicPassword: draft.basicPassword } : {}),
      ...(draft.authMode === 'oauth2-client-credentials' ? { clientId: draft.clientId.trim(), accessLifetimeSeconds: draft.accessLifetimeSeconds } : {}),
      ...(draft.authMode === 'oauth2-client-credentials' && draft.clientSecret !== '' ? { clientSecret: draft.clientSecret } : {}),
      ...(draft.authMode === 'mtls' && draft.clientCaPem.trim() !== '' ? { clientCaPem: draft.clientCaPem.trim() } : {}),
      recordHeaders: headers,
    },
  };
}
