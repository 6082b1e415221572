// tls.*: the TLS inspector and per-profile trust (extra CAs, SPKI pins), thin over core/tls.
import { inspectChain } from '../core/tls/inspectChain';
import type { CallHandler } from './router';

export const tlsInspect: CallHandler<'tls.inspect'> = (input, ctx) => inspectChain(input, ctx.tlsTrust.trustFor(input.scope));

export const tlsExportChainPem: CallHandler<'tls.exportChainPem'> = async (input, ctx) => {
  const { chain } = await inspectChain(input, ctx.tlsTrust.trustFor(input.scope));
  return { pem: chain.map((link) => link.pem).join(''), certificates: chain.length };
};

export const tlsTrustCa: CallHandler<'tls.trustCa'> = (input, ctx) => ({ entries: ctx.tlsTrust.trustCa(input.scope, input.pem) });

export const tlsPin: CallHandler<'tls.pin'> = (input, ctx) => ctx.tlsTrust.pin(input.scope, input.spkiSha256, input.label);

export const tlsListTrust: CallHandler<'tls.listTrust'> = (input, ctx) => ({ entries: ctx.tlsTrust.list(input.scope) });

export const tlsRemoveTrust: CallHandler<'tls.removeTrust'> = (input, ctx) => ctx.tlsTrust.remove(input.scope, input.id);
