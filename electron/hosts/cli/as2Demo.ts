// `courier demo`'s AS2 part: the AS2 partner simulator on 127.0.0.1 and, in the demo home, our station COURIERDEMO
// (a fresh RSA key with a self-signed certificate, receiving at the demo's AS2 listener) and the partner SIMPARTNER
// (its certificate imported, its CA trusted for scope `as2:SIMPARTNER`, signed sync MDNs), so a new user can send
// at once; the simulator then sends one welcome message, so the Inbox is not empty either. RSA-2048 for speed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAs2PartnerSimulator, type As2PartnerSimulator } from '../../../simulators/as2-partner/as2PartnerSimulator';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/ipc';
import type { Api } from '../../api';
import type { CourierContext } from '../../core/home/openHome';
import { as2TlsScope } from '../../core/as2/profiles/partnerRecords';

export const DEMO_STATION_AS2_ID = 'COURIERDEMO';

export interface As2Demo {
  simulator: As2PartnerSimulator;
  /** What was set up, one line each, for the terminal. */
  summary: string[];
}

async function call<N extends ProcedureName>(api: Api, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw new Error(`demo AS2 setup: ${name} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.output as OutputOf<N>;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** One message from the simulator to our station; how it went, as a line (a failure does not stop the demo). */
async function sendWelcome(simulator: As2PartnerSimulator, url: string): Promise<string> {
  try {
    const result = await simulator.sendTo(url, {
      as2To: DEMO_STATION_AS2_ID,
      payload: `Welcome to Courier.\r\nThis message came from the AS2 partner simulator (${simulator.as2Id}), signed and encrypted; Courier answered it with a signed MDN.\r\n`,
      fileName: 'welcome.txt',
      contentType: 'text/plain',
      subject: 'Welcome from the AS2 partner simulator',
    });
    const [delivery] = result.deliveries;
    return delivery?.mdn ? `${result.messageId}, MDN ${delivery.mdn.disposition} (signature ${delivery.mdn.signature.status})` : `${result.messageId}, no MDN (${delivery?.error ?? 'no answer'})`;
  } catch (error) {
    return `not sent (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Starts the simulator and saves station and partner; `listener` is where Courier receives AS2 (its https URL and
 * the CA of its throwaway certificate, or an http URL). The caller closes the returned demo on exit.
 */
export async function startAs2Demo(ctx: CourierContext, api: Api, listener: { url: string; caPem?: string }): Promise<As2Demo> {
  const [simulator, key] = await Promise.all([
    startAs2PartnerSimulator({ peerEndpoint: { url: listener.url, as2Id: DEMO_STATION_AS2_ID }, ...(listener.caPem ? { peerCaPem: listener.caPem } : {}) }),
    ctx.keys.generate({ jobId: 'demo-as2-station', label: 'AS2 demo station', purpose: 'as2-signing', algorithm: { type: 'rsa', bits: 2048 } }),
  ]);
  try {
    const certificate = await call(api, 'certs.selfSign', {
      keyId: key.id,
      subject: `CN=${DEMO_STATION_AS2_ID}, O=Courier demo`,
      keyUsage: ['digitalSignature', 'nonRepudiation', 'keyEncipherment'],
      days: 365,
    });
    const imported = await call(api, 'certs.import', { fileName: 'simpartner.pem', contentBase64: base64(simulator.certificatePem + simulator.caPem) });
    const partnerCertificate = imported.certificates.find((entry) => !entry.certificate.isCa)?.certificate;
    if (!partnerCertificate) throw new Error("demo AS2 setup: the simulator's certificate did not import");
    await call(api, 'tls.trustCa', { scope: as2TlsScope(simulator.as2Id), pem: simulator.caPem });
    // A demo run on a kept home (--home) updates what an earlier run saved.
    const earlierStation = ctx.as2Profiles.listStations().find((entry) => entry.as2Id === DEMO_STATION_AS2_ID);
    const earlierPartner = ctx.as2Profiles.listPartners().find((entry) => entry.as2Id === simulator.as2Id);
    const station = await call(api, 'as2.stations.save', {
      ...(earlierStation ? { id: earlierStation.id } : {}),
      as2Id: DEMO_STATION_AS2_ID,
      name: 'Courier demo station',
      environment: 'test',
      signing: { keyId: key.id, certificateId: certificate.id },
      publicUrl: listener.url,
    });
    const partner = await call(api, 'as2.partners.save', {
      ...(earlierPartner ? { id: earlierPartner.id } : {}),
      as2Id: simulator.as2Id,
      name: 'AS2 partner simulator',
      station: station.id,
      url: simulator.as2Url,
      environment: 'test',
      encryptionCertificateId: partnerCertificate.id,
      signatureCertificateId: partnerCertificate.id,
    });
    simulator.addPeerCertificate((await call(api, 'certs.get', { id: certificate.id })).pem);
    const welcome = await sendWelcome(simulator, listener.url);
    // The control endpoint's CA, for curl: its checks stay on.
    const caFile = join(ctx.paths.home, 'as2-partner-simulator-ca.pem');
    await writeFile(caFile, simulator.caPem);
    return {
      simulator,
      summary: [
        `AS2 station ${station.as2Id}: key ${key.id}, self-signed certificate ${certificate.id}, receiving at ${listener.url}`,
        `AS2 partner ${partner.as2Id}: ${partner.url} (certificate ${partnerCertificate.id}, CA trusted for ${partner.tlsScope}, signed sync MDN)`,
        `AS2 partner simulator: curl --cacert ${caFile} ${simulator.controlUrl}/received (also POST /send {"payload":"…"}, POST /faults, /identity)`,
        `AS2 welcome message from ${simulator.as2Id}: ${welcome}`,
      ],
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
