// Where the Keys page tells what just finished ("Key generated", "Generation cancelled"). The live region
// is always in the page, so screen readers announce each new outcome.
import { Alert, Box } from '@mantine/core';
import { useOutcomeNotice } from './outcomeNotice';

export function OutcomeNoticeRegion() {
  const outcome = useOutcomeNotice((state) => state.outcome);
  const dismiss = useOutcomeNotice((state) => state.dismiss);
  return (
    <Box role="status" aria-live="polite">
      {outcome && (
        <Alert
          color={outcome.tone === 'success' ? 'teal' : 'gray'}
          variant="light"
          role="group"
          title={outcome.title}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={dismiss}
          styles={{ message: { overflowWrap: 'anywhere' } }}
        >
          {outcome.detail}
        </Alert>
      )}
    </Box>
  );
}
