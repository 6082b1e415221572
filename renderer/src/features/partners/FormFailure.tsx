// Why a station or partner was not saved, as Courier words it, where the user is looking.
import { Alert } from '@mantine/core';
import type { ErrorDescription } from '../../ipc/describeError';
import { Advice } from '../tls/Advice';

export function FormFailure({ title, failure }: { title: string; failure: ErrorDescription | null }) {
  if (failure === null) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      <Advice message={failure.title} hint={failure.hint} />
    </Alert>
  );
}
