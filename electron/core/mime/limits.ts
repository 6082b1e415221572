// Why this file exists: MIME comes from partners we do not control, so every structure a parser walks has a bound
// (bytes, lines, fields, depth, parts); exceeding one is a typed error, never an exhausted heap or stack.

export interface MimeLimits {
  /** Largest entity accepted, in bytes (the whole message as received). */
  maxEntityBytes: number;
  /** Longest physical header line, in bytes (RFC 5322 asks for 998; real senders go further). */
  maxHeaderLineBytes: number;
  /** Most header fields in one header section. */
  maxHeaderFields: number;
  /** Largest header section (all fields of one entity with their folding), in bytes. */
  maxHeaderSectionBytes: number;
  /** Deepest multipart nesting (the top entity is depth 0). */
  maxDepth: number;
  /** Most body parts in the whole tree. */
  maxParts: number;
}

export const DEFAULT_MIME_LIMITS: Readonly<MimeLimits> = Object.freeze({
  maxEntityBytes: 2 ** 31,
  maxHeaderLineBytes: 16 * 1024,
  maxHeaderFields: 1000,
  maxHeaderSectionBytes: 256 * 1024,
  maxDepth: 32,
  maxParts: 1000,
});

export function mimeLimits(overrides: Partial<MimeLimits> = {}): MimeLimits {
  return { ...DEFAULT_MIME_LIMITS, ...overrides };
}
