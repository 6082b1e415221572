// What Courier checked before it showed a PACO answer: the algorithms, which key signed and encrypted each
// way (by kid), and the claims of the response token with its expiry in plain dates.
import { Code, Paper, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { PacoVerification } from '../../../../shared/ipc';

const when = (seconds: number | null) => (seconds === null ? '—' : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));

export function VerificationPanel({ verification }: { verification: PacoVerification | null }) {
  const headingId = useId();
  const { claims } = verification ?? {};
  const rows: [string, string][] = verification
    ? [
        ['Signature (JWS alg)', verification.jwsAlg],
        ['Key encryption (JWE alg)', verification.jweAlg],
        ['Content encryption (JWE enc)', verification.jweEnc],
        ['Request signed with merchant kid', verification.requestKid],
        ['Request encrypted to PACO kid', verification.requestEncryptionKid],
        ['Response signed by PACO kid', verification.responseSigningKid],
        ['Response decrypted with merchant kid', verification.responseEncryptionKid],
        ['Issuer (iss)', verification.claims.iss],
        ['Audience (aud)', Array.isArray(verification.claims.aud) ? verification.claims.aud.join(', ') : verification.claims.aud],
        ['Issued at (iat)', when(verification.claims.iat)],
        ['Not before (nbf)', when(verification.claims.nbf)],
        ['Expires (exp)', when(verification.claims.exp)],
        ['Token id (jti)', verification.claims.jti ?? '—'],
      ]
    : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="xs">
        Verification
      </Title>
      {verification && claims ? (
        <>
          <Text size="sm" mb="xs">
            ✓ Decrypted and signature verified; the claims were checked (audience is your API key, not expired).
          </Text>
          <Table withRowBorders={false} verticalSpacing={4} aria-labelledby={headingId}>
            <Table.Tbody>
              {rows.map(([name, value]) => (
                <Table.Tr key={name}>
                  <Table.Th scope="row" fw={600} w="40%">
                    {name}
                  </Table.Th>
                  <Table.Td>
                    <Code style={{ overflowWrap: 'anywhere' }}>{value}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : (
        <Text size="sm">This operation is a plain JSON GET over TLS: PACO neither signs nor encrypts it, so there is no token to verify.</Text>
      )}
    </Paper>
  );
}
