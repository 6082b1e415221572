// Certificate files for certificate-import tests, made by implementations we did not write: PKCS#12 and PKCS#7
// from node-forge (its own RC2/3DES/AES and PBE), and certificates with whatever extensions a hostile issuer
// might put in them (built with the @peculiar/asn1-x509 schemas, signed by node:crypto).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  Extensions,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { certificatePem } from '../../electron/core/tls/throwawayCa';

export interface Pkcs12Options {
  keyPem: string;
  certPems: string[];
  password: string;
  /** forge's names: '3des' (pbeWithSHAAnd3-KeyTripleDES-CBC) or 'aes256' (PBES2, PBKDF2, AES-256-CBC). */
  algorithm: '3des' | 'aes256';
  count?: number;
  friendlyName?: string;
  /** Without the MAC, damage reaches decryption and the bags instead of stopping at the MAC check. */
  useMac?: boolean;
}

/** A PKCS#12 file as node-forge writes it (RSA keys only: forge has no EC). */
export function forgePkcs12(options: Pkcs12Options): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(options.keyPem),
    options.certPems.map((pem) => forge.pki.certificateFromPem(pem)),
    options.password,
    { algorithm: options.algorithm, count: options.count ?? 2048, useMac: options.useMac ?? true, ...(options.friendlyName ? { friendlyName: options.friendlyName } : {}) },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A certs-only PKCS#7 SignedData (a .p7b) as node-forge writes it, DER. */
export function forgePkcs7(certPems: string[]): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  for (const pem of certPems) p7.addCertificate(forge.pki.certificateFromPem(pem));
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

export function pemOf(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join('\n');
}

export function extension(extnID: string, value: Uint8Array, critical = false): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(value) });
}

const ecKey = (): { privateKey: KeyObject; publicKey: KeyObject } => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A self-signed EC certificate carrying exactly `extensions`, however absurd. */
export function certificateWithExtensions(extensions: Extension[], commonName = 'Hostile'): { der: Buffer; pem: string } {
  const key = ecKey();
  const algorithm = new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' });
  const name = new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array([0x42]).buffer,
    signature: algorithm,
    issuer: name,
    validity: new Validity({ notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000) }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(key.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(sign('sha256', tbsDer, key.privateKey)).buffer })));
  return { der, pem: certificatePem(der) };
}
