// Send one PACO request: pick the profile and the operation, edit the request JSON from its template
// (checked as you type; Send waits until it parses), then read the verified answer and its checks — or,
// inline, why Courier refused or could not get one.
import { Alert, Button, Code, Group, Paper, ScrollArea, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { CourierError, pacoOperations, type OutputOf, type PacoOperationName, type PacoProfileSummary } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { Advice } from '../../ui/Advice';
import { usePacoCall, usePacoTemplates } from './queries';
import { checkRequestJson, prettyJson } from './requestJson';
import { VerificationPanel } from './VerificationPanel';

type Outcome =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'done'; result: OutputOf<'paco.call'> }
  | { state: 'failed'; code: string | null; title: string; hint?: string | undefined };

const failureTitles: Record<string, string> = {
  JOSE_REJECTED: 'PACO’s answer failed a check and was not used',
  UNAUTHORIZED: 'PACO refused the credentials',
  CONNECTION_FAILED: 'PACO could not be reached',
};

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

export function CallPanel({ profiles, profileId, onProfileChange }: { profiles: PacoProfileSummary[]; profileId: string | null; onProfileChange(id: string | null): void }) {
  const headingId = useId();
  const resultId = useId();
  const templates = usePacoTemplates();
  const send = usePacoCall();
  const [operation, setOperation] = useState<PacoOperationName>('payment');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const template = templates.data?.templates.find((candidate) => candidate.operation === operation);

  // A new operation starts from its template.
  useEffect(() => {
    if (template) setText(prettyJson(template.request));
  }, [template]);

  const check = useMemo(() => checkRequestJson(text), [text]);
  const canSend = check.ok && profileId !== null && outcome.state !== 'sending';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check.ok || profileId === null) return;
    setOutcome({ state: 'sending' });
    try {
      setOutcome({ state: 'done', result: await send({ profile: profileId, operation, request: check.value }) });
    } catch (error) {
      const { title, hint } = describeError(error);
      setOutcome({ state: 'failed', code: error instanceof CourierError ? error.code : null, title, hint });
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id={headingId}>
            Call PACO
          </Title>
          <Group grow align="flex-start">
            <Select
              label="Profile"
              data={profiles.map((profile) => ({ value: profile.id, label: `${profile.name} (${profile.environment})` }))}
              value={profileId}
              onChange={onProfileChange}
              placeholder={profiles.length === 0 ? 'Create a profile first' : 'Choose a profile'}
            />
            <Select
              label="Operation"
              data={pacoOperations.map((name) => {
                const info = templates.data?.templates.find((candidate) => candidate.operation === name);
                return { value: name, label: info ? `${name} — ${info.method} ${info.path}` : name };
              })}
              allowDeselect={false}
              value={operation}
              onChange={(value) => {
                if (value) setOperation(value as PacoOperationName);
                setOutcome({ state: 'idle' });
              }}
            />
          </Group>
          <Textarea
            label="Request JSON"
            description={template ? (template.jose ? 'Sent signed (JWS) and encrypted (JWE) to PACO.' : 'Sent as query parameters of a plain GET.') : undefined}
            autosize
            minRows={6}
            maxRows={20}
            spellCheck={false}
            styles={mono}
            value={text}
            error={check.ok ? undefined : check.error}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <Group>
            <Button type="submit" disabled={!canSend} loading={outcome.state === 'sending'}>
              Send
            </Button>
            {template && (
              <Button variant="default" onClick={() => setText(prettyJson(template.request))}>
                Reset to template
              </Button>
            )}
          </Group>
          <div aria-live="polite" id={resultId}>
            {outcome.state === 'failed' && (
              <Alert color="red" variant="light" role="alert" title={<>{(outcome.code && failureTitles[outcome.code]) ?? 'The call failed'} {outcome.code && <Code>{outcome.code}</Code>}</>} styles={{ message: { overflowWrap: 'anywhere' } }}>
                <Advice message={outcome.title} hint={outcome.hint} />
              </Alert>
            )}
            {outcome.state === 'done' && (
              <Stack gap="md">
                <Paper withBorder p="md" component="section" aria-label="Response">
                  <Title order={3} size="h4" mb="xs">
                    Response ({outcome.result.operation})
                  </Title>
                  <ScrollArea.Autosize mah={420}>
                    <Code block aria-label="Response JSON">
                      {prettyJson(outcome.result.response)}
                    </Code>
                  </ScrollArea.Autosize>
                </Paper>
                <VerificationPanel verification={outcome.result.verification} />
              </Stack>
            )}
            {outcome.state === 'idle' && profiles.length > 0 && profileId === null && <Text size="sm">Choose a profile to send with.</Text>}
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
