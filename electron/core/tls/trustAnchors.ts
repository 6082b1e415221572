// The CAs one connection trusts — the system roots plus the profile's own — known by certificate
// fingerprint, so a chain can say which of its links is an anchor and which is not.
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

let systemFingerprints: ReadonlySet<string> | undefined;

function fingerprintsOf(pems: readonly string[]): Set<string> {
  const fingerprints = new Set<string>();
  for (const pem of pems) {
    try {
      fingerprints.add(new X509Certificate(pem).fingerprint256);
    } catch {
      // A root this runtime cannot parse cannot anchor a chain either.
    }
  }
  return fingerprints;
}

export class TrustAnchors {
  private readonly extra: ReadonlySet<string>;

  constructor(extraCaPems: readonly string[]) {
    this.extra = fingerprintsOf(extraCaPems);
  }

  has(sha256Fingerprint: string): boolean {
    systemFingerprints ??= fingerprintsOf(rootCertificates);
    return this.extra.has(sha256Fingerprint) || systemFingerprints.has(sha256Fingerprint);
  }
}
