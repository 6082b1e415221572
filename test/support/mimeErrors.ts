// The MIME layer's failures are typed: this runs a call and returns the MimeError reason it threw (undefined when it
// did not throw), after checking the error really is a MimeError with the BAD_MESSAGE code.
import { expect } from 'vitest';
import { MimeError } from '../../electron/core/mime/mimeError';

export function mimeReason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MimeError);
    expect((error as MimeError).code).toBe('BAD_MESSAGE');
    return (error as MimeError).reason;
  }
  return undefined;
}

export async function mimeReasonAsync(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MimeError);
    return (error as MimeError).reason;
  }
  return undefined;
}
