// The simulator's control endpoint under /control/ on the same HTTPS port, so a person at `courier demo` (or a test
// in another process) can switch faults, make the partner send, and read what it received — JSON in and out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readRequestBody, type ReceivedAs2Message } from './as2Reception';
import { SendRefusal, type SendRequest, type SendResult } from './as2Sending';
import { as2FaultSchema, faultRequestSchema, type FaultRequest } from './faultPlan';

export interface ControlledSimulator {
  identity(): { as2Id: string; as2Url: string; caPem: string; certificatePem: string };
  received(): readonly ReceivedAs2Message[];
  setFault(request: FaultRequest): void;
  clearFaults(kind?: FaultRequest['fault']['kind']): void;
  faults(): FaultRequest[];
  addPeerCertificate(pem: string): void;
  send(request: SendRequest): Promise<SendResult>;
}

const MAX_CONTROL_BYTES = 24 * 1024 * 1024;
const peerSchema = z.object({ certificatePem: z.string().min(1).max(65_536) }).strict();
const faultKinds: readonly string[] = as2FaultSchema.options.map((option) => option.shape.kind.value);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A received message as JSON: payload as text when it is UTF-8, base64 otherwise; the raw body's size only. */
function receivedJson(message: ReceivedAs2Message): unknown {
  const text = message.payload?.toString('utf8');
  const isText = text !== undefined && Buffer.from(text, 'utf8').equals(message.payload!);
  return {
    receivedAt: message.receivedAt.toISOString(),
    messageId: message.envelope.messageId,
    as2From: message.envelope.as2From,
    as2To: message.envelope.as2To,
    subject: message.envelope.subject,
    headers: message.headers,
    bodyBytes: message.body.length,
    fileName: message.fileName,
    payloadContentType: message.payloadContentType,
    payload: isText ? text : null,
    payloadBase64: message.payload && !isText ? message.payload.toString('base64') : null,
    encrypted: message.security?.encryption?.cipher ?? null,
    signed: message.security?.signature?.digest ?? null,
    mic: message.mic,
    outcome: message.outcome,
    faults: message.faults.map((fault) => fault.kind),
    mdn: message.mdn,
  };
}

/** Courier's MDN as JSON: the signer's certificate by subject. */
function sendResultJson(result: SendResult): unknown {
  return {
    ...result,
    deliveries: result.deliveries.map((delivery) => ({
      ...delivery,
      mdn: delivery.mdn && {
        ...delivery.mdn,
        signature: delivery.mdn.signature.status === 'verified' ? { status: 'verified', digest: delivery.mdn.signature.digest, signer: delivery.mdn.signature.signer.subject } : delivery.mdn.signature,
      },
    })),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readRequestBody(req, MAX_CONTROL_BYTES);
  if (body === null) throw new z.ZodError([{ code: 'custom', path: [], message: 'The request body is too large', input: undefined }]);
  return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
}

export async function control(req: IncomingMessage, res: ServerResponse, path: string, simulator: ControlledSimulator): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case 'GET /control/identity':
        return json(res, 200, simulator.identity());
      case 'GET /control/received':
        return json(res, 200, simulator.received().map(receivedJson));
      case 'GET /control/faults':
        return json(res, 200, simulator.faults());
      case 'POST /control/faults':
        simulator.setFault(faultRequestSchema.parse(await readJson(req)));
        return json(res, 200, simulator.faults());
      case 'DELETE /control/faults': {
        const kind = new URL(req.url ?? '/', 'https://127.0.0.1').searchParams.get('kind');
        if (kind !== null && !faultKinds.includes(kind)) return json(res, 400, { error: `No fault kind ${kind}; the kinds are ${faultKinds.join(', ')}` });
        simulator.clearFaults((kind ?? undefined) as FaultRequest['fault']['kind'] | undefined);
        return json(res, 200, simulator.faults());
      }
      case 'POST /control/peers':
        simulator.addPeerCertificate(peerSchema.parse(await readJson(req)).certificatePem);
        return json(res, 200, { added: true });
      case 'POST /control/send':
        return json(res, 200, sendResultJson(await simulator.send((await readJson(req)) as SendRequest)));
      default:
        return json(res, 404, { error: `No control route ${route}` });
    }
  } catch (error) {
    if (error instanceof z.ZodError || error instanceof SyntaxError || error instanceof SendRefusal) return json(res, 400, { error: error.message });
    return json(res, 500, { error: error instanceof Error ? error.message : String(error) });
  }
}
