// `courier demo`'s AS2 part on a real home, listener and simulator: the station and partner it saves are usable
// as saved — the simulator's welcome message lands in the Inbox with a signed MDN back, and a document sent to the
// partner profile reaches the simulator over HTTPS (its CA trusted for as2:SIMPARTNER) and comes back delivered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCourierApi } from '../../electron/api';
import { procedures } from '../../shared/ipc';
import type { CourierContext } from '../../electron/core/home/openHome';
import { queueAs2Send } from '../../electron/core/transports/as2/as2Sender';
import { startOutboundQueue } from '../../electron/core/transports/as2/outboundQueue';
import { startAs2Listener, type As2Listener } from '../../electron/core/transports/as2/as2Receiver';
import { startAs2Demo, DEMO_STATION_AS2_ID, type As2Demo } from '../../electron/hosts/cli/as2Demo';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { openTestHome, tempDir } from '../support/home';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let listener: As2Listener;
let demo: As2Demo;
let listenerCa: string;

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  const tls = makeServerIdentity('courier-as2');
  listenerCa = tls.caPem;
  listener = await startAs2Listener(ctx, { httpsPort: 0, tls });
  demo = await startAs2Demo(ctx, createCourierApi(ctx), { url: listener.urls[0]!, caPem: tls.caPem });
});

afterAll(async () => {
  await demo?.simulator.close();
  await listener?.close();
  ctx?.close();
  home?.remove();
});

it('saves a station and a partner that point at each other, with the simulator trusted for as2:SIMPARTNER', () => {
  const partner = ctx.as2Profiles.getPartner('SIMPARTNER');
  const station = ctx.as2Profiles.getStation(DEMO_STATION_AS2_ID);
  expect(partner).toMatchObject({ url: demo.simulator.as2Url, stationId: station.id, tlsScope: 'as2:SIMPARTNER', mdn: { mode: 'sync', signed: true } });
  expect(station.publicUrl).toBe(listener.urls[0]);
  expect(ctx.tlsTrust.trustFor('as2:SIMPARTNER').caPems).toEqual([demo.simulator.caPem]);
});

it('delivers the welcome message into the Inbox, answered with a signed MDN that verifies', () => {
  const { rows } = ctx.messageQueries.list(procedures['messages.list'].input.parse({ direction: 'inbound' }));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'received', subject: 'Welcome from the AS2 partner simulator' });
  expect(demo.summary.at(-1)).toMatch(/MDN automatic-action\/MDN-sent-automatically; processed \(signature verified\)$/);
});

it('sends to the simulator through the saved partner and gets a verified MDN back', async () => {
  const queue = startOutboundQueue(ctx, { pollMs: 50 });
  try {
    const input = procedures['as2.send'].input.parse({ partner: 'SIMPARTNER', document: { fileName: 'order.edi', contentBase64: Buffer.from("UNB+UNOC:3+COURIERDEMO+SIMPARTNER'").toString('base64') }, subject: 'Order 1' });
    const queued = await queueAs2Send(ctx, input);
    queue.wake();
    await expect.poll(() => ctx.messages.summary(queued.id).status, { timeout: 5_000, interval: 50 }).toBe('delivered');
    const arrived = demo.simulator.received.at(-1);
    expect(arrived?.payload?.toString('utf8')).toBe("UNB+UNOC:3+COURIERDEMO+SIMPARTNER'");
    expect(arrived?.envelope).toMatchObject({ as2From: DEMO_STATION_AS2_ID, as2To: 'SIMPARTNER', subject: 'Order 1' });
    expect(arrived?.mdn).toMatchObject({ mode: 'sync', disposition: 'processed', signed: true });
  } finally {
    await queue.close();
  }
});

it('runs again on the same home, updating its station and partner to the new simulator', async () => {
  const again = await startAs2Demo(ctx, createCourierApi(ctx), { url: listener.urls[0]!, caPem: listenerCa });
  try {
    expect(ctx.as2Profiles.listStations().map((station) => station.as2Id)).toEqual([DEMO_STATION_AS2_ID]);
    expect(ctx.as2Profiles.listPartners()).toHaveLength(1);
    expect(ctx.as2Profiles.getPartner('SIMPARTNER').url).toBe(again.simulator.as2Url);
    expect(again.summary.at(-1)).toMatch(/processed \(signature verified\)$/);
  } finally {
    await again.simulator.close();
  }
});
