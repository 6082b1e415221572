// One copy button for every identifier Courier shows (keys, certificates, chains): says "Copied" for a moment,
// and names what it copies for screen readers ("Copy SHA-256 fingerprint").
import { Button, CopyButton } from '@mantine/core';

export function CopyValueButton({ value, what }: { value: string; what: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : undefined} onClick={copy} aria-label={`Copy ${what}`}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}
