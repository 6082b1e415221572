// What a user writes for a certificate or CSR of one of our keys — subject, names, usages — as form state,
// checked with the contract's own schemas before anything is sent.
import { useState } from 'react';
import { certsCreateCsr, type ExtendedKeyUsageName, type KeySummary, type KeyUsageName } from '../../../../shared/ipc';

export interface OwnCertificateRequest {
  subject: string;
  /** One per line or separated by commas: DNS:…, IP:…, email:…, URI:…. */
  sans: string;
  keyUsage: KeyUsageName[];
  extendedKeyUsage: ExtendedKeyUsageName[];
}

const subjectSchema = certsCreateCsr.input.shape.subject;
const sansSchema = certsCreateCsr.input.shape.sans;

export function splitSans(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export interface CheckedRequest {
  fields: { subject: string; sans: string[]; keyUsage?: KeyUsageName[]; extendedKeyUsage?: ExtendedKeyUsageName[] } | null;
  subjectError?: string | undefined;
  sansError?: string | undefined;
}

/** Usages left empty are chosen by Courier from the key's purpose. */
export function checkRequest(request: OwnCertificateRequest): CheckedRequest {
  const subject = subjectSchema.safeParse(request.subject);
  const sans = sansSchema.safeParse(splitSans(request.sans));
  if (!subject.success || !sans.success) {
    return { fields: null, subjectError: subject.error?.issues[0]?.message, sansError: sans.error?.issues[0]?.message };
  }
  return {
    fields: {
      subject: subject.data,
      sans: sans.data,
      ...(request.keyUsage.length > 0 ? { keyUsage: request.keyUsage } : {}),
      ...(request.extendedKeyUsage.length > 0 ? { extendedKeyUsage: request.extendedKeyUsage } : {}),
    },
  };
}

export function useOwnCertificateRequest(keySummary: KeySummary) {
  return useState<OwnCertificateRequest>({ subject: `CN=${keySummary.label.replace(/,/g, '\\,')}`, sans: '', keyUsage: [], extendedKeyUsage: [] });
}
