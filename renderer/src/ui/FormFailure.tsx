// Why a save, import, send or delete was refused, as Courier words it, where the user is looking: one alert
// for every form and confirmation.
import { Alert } from '@mantine/core';
import type { ErrorDescription } from '../ipc/describeError';
import { Advice } from './Advice';

export function FormFailure({ title, failure }: { title: string; failure: ErrorDescription | null }) {
  if (failure === null) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      <Advice message={failure.title} hint={failure.hint} />
    </Alert>
  );
}
