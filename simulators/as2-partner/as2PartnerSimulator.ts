// An AS2 partner station on 127.0.0.1 for tests and demos (RFC 4130): HTTPS from a throwaway CA, its own RSA key
// and certificate (issued by that CA) for signing and encryption, a receiving endpoint at /as2 answering sync or
// async signed MDNs, a sender to Courier, switchable faults, and a record of everything it received.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { closeServer, listen } from '../../electron/core/transports/http/listener';
import { receiveAs2, type ReceivedAs2Message } from './as2Reception';
import { sendAs2, type SendRequest, type SendResult } from './as2Sending';
import { control } from './controlEndpoint';
import { FaultPlan, type As2FaultKind, type FaultRequest } from './faultPlan';

export interface As2PartnerSimulatorOptions {
  /** Default SIMPARTNER. */
  as2Id?: string;
  /** Courier's certificates (PEM): signatures are verified with them, and messages are encrypted to the last one. */
  peerCertificates?: readonly string[];
  /** The CA Courier's https endpoints (message and async MDN URLs) chain to. */
  peerCaPem?: string;
  /** Where Courier receives and its station's AS2 ID: the default target of a send. */
  peerEndpoint?: { url: string; as2Id: string };
  /** Faults in force from the start. */
  faults?: readonly FaultRequest[];
  /** Default 2048 (fast to start); real partners use 2048–4096. */
  rsaBits?: 2048 | 3072 | 4096;
  /** Default 0: any free port. */
  port?: number;
}

export type SendOptions = Omit<SendRequest, 'url' | 'payload' | 'payloadBase64'> & { payload: Uint8Array | string };

export interface As2PartnerSimulator {
  as2Id: string;
  /** The AS2 receiving URL: https://127.0.0.1:PORT/as2. */
  as2Url: string;
  /** The control endpoint's base: https://127.0.0.1:PORT/control. */
  controlUrl: string;
  /** The CA of its TLS certificate and of its AS2 certificate. */
  caPem: string;
  /** Its AS2 signing and encryption certificate. */
  certificatePem: string;
  /** Everything received at /as2, oldest first. */
  received: readonly ReceivedAs2Message[];
  addPeerCertificate(pem: string): void;
  setPeerCa(pem: string): void;
  setPeerEndpoint(endpoint: { url: string; as2Id: string }): void;
  /** `times` absent: until cleared. */
  setFault(fault: FaultRequest['fault'], times?: number): void;
  clearFaults(kind?: As2FaultKind): void;
  sendTo(url: string, options: SendOptions): Promise<SendResult>;
  /** Resolves once every async MDN started so far has been delivered (or failed). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startAs2PartnerSimulator(options: As2PartnerSimulatorOptions = {}): Promise<As2PartnerSimulator> {
  const as2Id = options.as2Id ?? 'SIMPARTNER';
  const tls = makeServerIdentity('AS2 partner');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: options.rsaBits ?? 2048 });
  const certificatePem = tls.issue(`${as2Id} AS2`, publicKey);
  const signer = { certificate: new X509Certificate(certificatePem), privateKey };
  const peers = (options.peerCertificates ?? []).map((pem) => new X509Certificate(pem));
  let peerCaPem = options.peerCaPem;
  let peerEndpoint = options.peerEndpoint;
  const faults = new FaultPlan(options.faults);
  const received: ReceivedAs2Message[] = [];
  const inFlight = new Set<Promise<unknown>>();

  const sending = {
    as2Id,
    signer,
    encryptionCertificate: () => peers.at(-1) ?? null,
    peerCertificates: () => peers,
    defaultCaPem: () => peerCaPem,
    defaultEndpoint: () => peerEndpoint,
  };
  const send = (request: SendRequest) => sendAs2(request, faults.take('sending'), sending);
  const addPeerCertificate = (pem: string) => {
    const certificate = new X509Certificate(pem);
    if (!peers.some((peer) => peer.fingerprint256 === certificate.fingerprint256)) peers.push(certificate);
  };

  let as2Url = '';
  const controlled = {
    identity: () => ({ as2Id, as2Url, caPem: tls.caPem, certificatePem }),
    received: () => received,
    setFault: (request: FaultRequest) => faults.arm(request),
    clearFaults: (kind?: As2FaultKind) => faults.clear(kind),
    faults: () => faults.list(),
    addPeerCertificate,
    send,
  };
  const reception = {
    as2Id,
    signer,
    identities: [signer],
    peerCertificates: () => peers,
    faults,
    record: (message: ReceivedAs2Message) => received.push(message),
    asyncMdnCaPem: () => peerCaPem,
    track: (delivery: Promise<unknown>) => {
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    },
  };

  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
    const handled = path === '/as2' && req.method === 'POST' ? receiveAs2(req, res, reception) : path.startsWith('/control/') ? control(req, res, path, controlled) : undefined;
    if (!handled) {
      res.writeHead(path === '/as2' ? 405 : 404, { 'content-type': 'text/plain' }).end(path === '/as2' ? 'AS2 messages are POSTed\n' : 'Not found\n');
      return;
    }
    handled.catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error\n');
      else res.destroy();
    });
  });
  const base = `https://127.0.0.1:${await listen(server, options.port ?? 0, '127.0.0.1')}`;
  as2Url = `${base}/as2`;

  return {
    as2Id,
    as2Url,
    controlUrl: `${base}/control`,
    caPem: tls.caPem,
    certificatePem,
    received,
    addPeerCertificate,
    setPeerCa: (pem) => {
      peerCaPem = pem;
    },
    setPeerEndpoint: (endpoint) => {
      peerEndpoint = endpoint;
    },
    setFault: (fault, times) => faults.arm(times === undefined ? { fault } : { fault, times }),
    clearFaults: (kind) => faults.clear(kind),
    sendTo: (url, { payload, ...rest }) =>
      send({ ...rest, url, ...(typeof payload === 'string' ? { payload } : { payloadBase64: Buffer.from(payload).toString('base64') }) }),
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () => closeServer(server),
  };
}
