// Why this file exists: CMS names every content type, attribute and algorithm by an object identifier; one table
// with the RFC that defines each keeps the dotted strings out of the protocol code.

/** Content types (RFC 5652 §4, §5.1, §6.1). */
export const oidData = '1.2.840.113549.1.7.1';
export const oidSignedData = '1.2.840.113549.1.7.2';
export const oidEnvelopedData = '1.2.840.113549.1.7.3';
/** RFC 3274 §1.1 and RFC 5083 §1. */
export const oidCompressedData = '1.2.840.113549.1.9.16.1.9';
export const oidAuthEnvelopedData = '1.2.840.113549.1.9.16.1.23';

/** Compression (RFC 3274 §1.1): zlib (RFC 1950). */
export const oidZlibCompress = '1.2.840.113549.1.9.16.3.8';

/** Signed attributes: PKCS #9 (RFC 2985), S/MIME (RFC 8551 §2.5.2), algorithm protection (RFC 6211). */
export const oidContentType = '1.2.840.113549.1.9.3';
export const oidMessageDigest = '1.2.840.113549.1.9.4';
export const oidSigningTime = '1.2.840.113549.1.9.5';
export const oidSmimeCapabilities = '1.2.840.113549.1.9.15';
export const oidCmsAlgorithmProtection = '1.2.840.113549.1.9.52';

/** Digests (RFC 3370 §2, RFC 5754 §2). */
export const oidMd5 = '1.2.840.113549.2.5';
export const oidSha1 = '1.3.14.3.2.26';
export const oidSha224 = '2.16.840.1.101.3.4.2.4';
export const oidSha256 = '2.16.840.1.101.3.4.2.1';
export const oidSha384 = '2.16.840.1.101.3.4.2.2';
export const oidSha512 = '2.16.840.1.101.3.4.2.3';

/** RSA (RFC 8017 Appendix A, RFC 4055, RFC 4056). */
export const oidRsaEncryption = '1.2.840.113549.1.1.1';
export const oidMd5WithRsa = '1.2.840.113549.1.1.4';
export const oidSha1WithRsa = '1.2.840.113549.1.1.5';
export const oidSha224WithRsa = '1.2.840.113549.1.1.14';
export const oidSha256WithRsa = '1.2.840.113549.1.1.11';
export const oidSha384WithRsa = '1.2.840.113549.1.1.12';
export const oidSha512WithRsa = '1.2.840.113549.1.1.13';
export const oidRsaesOaep = '1.2.840.113549.1.1.7';
export const oidMgf1 = '1.2.840.113549.1.1.8';
export const oidPSpecified = '1.2.840.113549.1.1.9';
export const oidRsassaPss = '1.2.840.113549.1.1.10';

/** Content-encryption algorithms (RFC 3370 §5, RFC 3565, RFC 2984, RFC 3058). */
export const oidDesEde3Cbc = '1.2.840.113549.3.7';
export const oidRc2Cbc = '1.2.840.113549.3.2';
export const oidCast5Cbc = '1.2.840.113533.7.66.10';
export const oidIdeaCbc = '1.3.6.1.4.1.188.7.1.1.2';
export const oidAes128Cbc = '2.16.840.1.101.3.4.1.2';
export const oidAes192Cbc = '2.16.840.1.101.3.4.1.22';
export const oidAes256Cbc = '2.16.840.1.101.3.4.1.42';

/** Authenticated content-encryption algorithms (RFC 5084 §3.1, §3.2). */
export const oidAes128Gcm = '2.16.840.1.101.3.4.1.6';
export const oidAes192Gcm = '2.16.840.1.101.3.4.1.26';
export const oidAes256Gcm = '2.16.840.1.101.3.4.1.46';
export const oidAes128Ccm = '2.16.840.1.101.3.4.1.7';
export const oidAes192Ccm = '2.16.840.1.101.3.4.1.27';
export const oidAes256Ccm = '2.16.840.1.101.3.4.1.47';

/** X.509 extension naming a key (RFC 5280 §4.2.1.2). */
export const oidSubjectKeyIdentifier = '2.5.29.14';
