// Says plainly that a page's capability does not exist yet and what it will do, instead of showing
// invented rows that a user could mistake for real data.
import { Alert } from '@mantine/core';

export function NotBuiltYet({ purpose }: { purpose: string }) {
  return (
    <Alert title="Not built yet" color="gray" variant="light" maw={640}>
      {purpose}
    </Alert>
  );
}
