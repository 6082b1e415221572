// One page that fails while rendering must not take the whole app with it: the sidebar, the status bar and
// every other page stay usable, and the failed page says so with a way to try again.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

interface Props {
  pageName: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Stack p="lg">
        <Alert color="red" title={`The ${this.props.pageName} page failed to show`} role="alert">
          <Text size="sm">The rest of Courier keeps working. Try the page again; if it keeps failing, reload the window.</Text>
        </Alert>
        <Button w="fit-content" onClick={() => this.setState({ failed: false })}>
          Try again
        </Button>
      </Stack>
    );
  }
}
