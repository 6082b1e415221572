// Where failures are told: each toast is titled by the CourierError's message with its hint below,
// announced politely, dismissible, and gone by itself after a few seconds.
import { Notification, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useUiStore, type Toast } from '../state/uiStore';

const AUTO_DISMISS_MS = 8000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismissToast = useUiStore((state) => state.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [toast.id, toast.shownAt, dismissToast]);
  return (
    <Notification
      role="group"
      color="red"
      title={toast.title}
      onClose={() => dismissToast(toast.id)}
      closeButtonProps={{ 'aria-label': 'Dismiss' }}
      // Mantine dims the description below AA contrast; the hint is what the user must read.
      styles={{ description: { color: 'var(--mantine-color-text)' } }}
      withBorder
    >
      {toast.hint}
    </Notification>
  );
}

export function ToastRegion() {
  const toasts = useUiStore((state) => state.toasts);
  // The live region is always in the page: screen readers only announce changes to a region they already know.
  return (
    <Stack role="status" aria-live="polite" className="toast-region" gap="xs">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </Stack>
  );
}
