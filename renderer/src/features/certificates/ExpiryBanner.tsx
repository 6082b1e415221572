// The banner at the top of every page when a certificate expires within 7 days or has expired (issue 4):
// says how many, and links to the filtered list to review them.
import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useExpiryCounts, urgentSentence } from './expiryFlags';

export function ExpiryBanner() {
  const sentence = urgentSentence(useExpiryCounts());
  if (sentence === null) return null;
  return (
    <Alert color="red" variant="light" role="region" aria-label="Certificate expiry" mb="md" icon={<span aria-hidden="true">!</span>}>
      {sentence} —{' '}
      <Anchor component={Link} to="/certificates?expiring=30" fw={600} size="sm">
        Review
      </Anchor>
    </Alert>
  );
}
