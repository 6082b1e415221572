// Names a certificate's signature algorithm the way openssl prints it and says whether its hash is broken
// (MD2, MD5, SHA-1: collisions let a forger obtain a CA signature on a certificate of their choosing).
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';

export interface SignatureAlgorithm {
  name: string;
  /** The hash is MD2, MD5 or SHA-1. */
  weakHash: boolean;
}

const RSASSA_PSS = '1.2.840.113549.1.1.10';

const byOid: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', weakHash: true },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', weakHash: true },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', weakHash: true },
  '1.3.14.3.2.29': { name: 'sha1WithRSA', weakHash: true },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', weakHash: false },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', weakHash: false },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', weakHash: false },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', weakHash: false },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', weakHash: true },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', weakHash: false },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', weakHash: false },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', weakHash: false },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', weakHash: false },
  '1.2.840.10040.4.3': { name: 'dsa_with_SHA1', weakHash: true },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa_with_SHA224', weakHash: false },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256', weakHash: false },
  '1.3.101.112': { name: 'ED25519', weakHash: false },
  '1.3.101.113': { name: 'ED448', weakHash: false },
};

const pssHashes: Record<string, SignatureAlgorithm> = {
  '1.3.14.3.2.26': { name: 'rsassaPss (SHA-1)', weakHash: true },
  '2.16.840.1.101.3.4.2.4': { name: 'rsassaPss (SHA-224)', weakHash: false },
  '2.16.840.1.101.3.4.2.1': { name: 'rsassaPss (SHA-256)', weakHash: false },
  '2.16.840.1.101.3.4.2.2': { name: 'rsassaPss (SHA-384)', weakHash: false },
  '2.16.840.1.101.3.4.2.3': { name: 'rsassaPss (SHA-512)', weakHash: false },
};

export function signatureAlgorithmOf(algorithm: AlgorithmIdentifier): SignatureAlgorithm {
  if (algorithm.algorithm === RSASSA_PSS) return pssAlgorithm(algorithm.parameters);
  return byOid[algorithm.algorithm] ?? { name: algorithm.algorithm, weakHash: false };
}

/** RFC 4055: absent parameters mean SHA-1. */
function pssAlgorithm(parameters: ArrayBuffer | null | undefined): SignatureAlgorithm {
  if (!parameters) return pssHashes['1.3.14.3.2.26']!;
  try {
    const hash = AsnConvert.parse(parameters, RsaSaPssParams).hashAlgorithm.algorithm;
    return pssHashes[hash] ?? { name: `rsassaPss (${hash})`, weakHash: false };
  } catch {
    return { name: 'rsassaPss (unreadable parameters)', weakHash: false };
  }
}
