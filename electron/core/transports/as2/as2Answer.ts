// What the receiver says back over HTTP: a status, header fields and a body (an MDN, a short text, or nothing).
import type { HeaderList } from '../../as2/as2Headers';

export interface As2Answer {
  status: number;
  headers: HeaderList;
  body: Buffer;
  /** Set when an async MDN was stored for delivery: the delivery loop should look now. */
  asyncMdnQueued?: boolean;
}

export const EMPTY_OK: As2Answer = { status: 200, headers: [], body: Buffer.alloc(0) };

/** A short plain-text answer for a request that was not acknowledged (or an HTTP-level refusal). */
export function textAnswer(status: number, text: string, headers: HeaderList = []): As2Answer {
  return { status, headers: [['Content-Type', 'text/plain; charset=utf-8'], ...headers], body: Buffer.from(`${text}\n`, 'utf8') };
}
