// Every profile form saves the same way — check the draft and show what is wrong beside each field, save,
// empty the secrets typed in, say why a refused save was refused — so each form only says what differs.
import { useState, type FormEvent } from 'react';
import { describeError, type ErrorDescription } from '../ipc/describeError';

/** What is wrong with a draft, by field path ("name", "signing.keyId"). */
export type FieldErrors = Partial<Record<string, string>>;

interface SaveFormOptions<Draft, Input, Saved> {
  initial(): Draft;
  /** The save input, or null with the reasons field by field. */
  check(draft: Draft): { input: Input | null; errors: FieldErrors };
  save(input: Input): Promise<Saved>;
  /** The secret fields, emptied once they are sealed in Courier, so the page keeps no copy. */
  forget?: Partial<Draft>;
  onSaved(saved: Saved): void;
}

export interface SaveForm<Draft> {
  draft: Draft;
  edit(change: Partial<Draft>): void;
  errors: FieldErrors;
  failure: ErrorDescription | null;
  saving: boolean;
  onSubmit(event: FormEvent): void;
}

export function useSaveForm<Draft extends object, Input, Saved>({ initial, check, save, forget, onSaved }: SaveFormOptions<Draft, Input, Saved>): SaveForm<Draft> {
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [saving, setSaving] = useState(false);
  const edit = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async () => {
    const { input, errors: found } = check(draft);
    setErrors(found);
    setFailure(null);
    if (input === null) return;
    setSaving(true);
    try {
      const saved = await save(input);
      if (forget) edit(forget);
      onSaved(saved);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  return {
    draft,
    edit,
    errors,
    failure,
    saving,
    onSubmit: (event) => {
      event.preventDefault();
      void submit();
    },
  };
}
