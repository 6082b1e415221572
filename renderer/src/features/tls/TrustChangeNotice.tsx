// After a CA is trusted, a key pinned or an entry removed, the chain on screen was judged with the old
// trust: say what changed and offer to inspect again with that scope's trust alone (no extra CA), which
// shows whether the change does what was meant.
import { Alert, Box, Button, Stack, Text } from '@mantine/core';
import type { TrustChange } from './inspectorStore';

interface Props {
  change: TrustChange | null;
  /** Absent when there is no server to inspect again. */
  onInspectAgain: ((scope: string) => void) | undefined;
  onDismiss(): void;
}

export function TrustChangeNotice({ change, onInspectAgain, onDismiss }: Props) {
  return (
    <Box role="status" aria-label="Trust change">
      {change && (
        <Alert
          color="teal"
          variant="light"
          role="group"
          icon={<span aria-hidden="true">✓</span>}
          title={change.title}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={onDismiss}
          styles={{ message: { overflowWrap: 'anywhere' } }}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{change.detail}</Text>
            {onInspectAgain && (
              <>
                <Text size="sm">
                  The result below was found before this change. Inspecting again uses the trust of {change.scope} alone, without
                  an extra CA: what that profile's connections will accept.
                </Text>
                <Button size="xs" onClick={() => onInspectAgain(change.scope)}>
                  Inspect again with {change.scope}
                </Button>
              </>
            )}
          </Stack>
        </Alert>
      )}
    </Box>
  );
}
