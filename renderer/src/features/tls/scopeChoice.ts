// A trust scope as the user types it: empty (none chosen), a valid scope, or the contract's reason why not.
import { trustScopeSchema } from '../../../../shared/ipc';

export type ScopeChoice = { kind: 'none' } | { kind: 'valid'; scope: string } | { kind: 'invalid'; message: string };

export function scopeChoice(text: string): ScopeChoice {
  const value = text.trim();
  if (value === '') return { kind: 'none' };
  const parsed = trustScopeSchema.safeParse(value);
  if (parsed.success) return { kind: 'valid', scope: parsed.data };
  return { kind: 'invalid', message: `“${value.slice(0, 100)}” is not a scope: ${parsed.error.issues[0]?.message ?? 'not accepted'}.` };
}
