// What to inspect: the server (host:port), the name to send and check (SNI), the profile whose trust
// applies, and an extra CA to try. Checked here with the contract's own rules before anything is sent;
// Enter in any single-line field inspects.
import { Button, Grid, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { tlsTargetSchema } from '../../../../shared/ipc';
import { ExtraCaInput } from './ExtraCaInput';
import { extraCaProblem } from './extraCa';
import { parseHostAddress } from './hostAddress';
import { useInspector, type InspectorForm, type InspectTarget } from './inspectorStore';
import { scopeChoice } from './scopeChoice';
import { ScopeInput } from './ScopeInput';

interface FieldErrors {
  address?: string;
  servername?: string;
  scope?: string;
  extraCa?: string;
}

type Checked = { target: InspectTarget; errors: null } | { target: null; errors: FieldErrors };

function check(form: InspectorForm): Checked {
  const errors: FieldErrors = {};
  const address = parseHostAddress(form.address);
  if (!address.ok) errors.address = address.message;
  const servername = form.servername.trim();
  if (servername !== '' && !tlsTargetSchema.shape.servername.safeParse(servername).success) {
    errors.servername = `“${servername.slice(0, 100)}” is not a DNS name; the server name is a host name, never an IP address.`;
  }
  const scope = scopeChoice(form.scope);
  if (scope.kind === 'invalid') errors.scope = scope.message;
  const extraCa = form.extraCaPem.trim() === '' ? null : extraCaProblem(form.extraCaPem);
  if (extraCa !== null) errors.extraCa = extraCa;
  if (!address.ok || Object.keys(errors).length > 0) return { target: null, errors };
  return {
    errors: null,
    target: {
      host: address.host,
      port: address.port,
      servername: servername === '' ? undefined : servername,
      scope: scope.kind === 'valid' ? scope.scope : undefined,
      extraCaPem: form.extraCaPem.trim() === '' ? undefined : form.extraCaPem,
    },
  };
}

export function InspectForm({ onInspect }: { onInspect(target: InspectTarget): void }) {
  const form = useInspector((state) => state.form);
  const editForm = useInspector((state) => state.editForm);
  const inspecting = useInspector((state) => state.run.state === 'inspecting');
  // Errors show once the user has tried to inspect, then follow each keystroke.
  const [tried, setTried] = useState(false);
  const checked = check(form);
  const errors: FieldErrors = tried && checked.errors ? checked.errors : {};

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (checked.target === null) {
      const formElement = event.currentTarget;
      // The fields are marked invalid by the render this submit causes; focus the first one after it.
      requestAnimationFrame(() => formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (!inspecting) onInspect(checked.target);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Server to inspect">
      <Stack gap="sm">
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label="Host"
              description="host:port; the port is 443 when left out."
              placeholder="api.example.com:443"
              value={form.address}
              onChange={(event) => editForm({ address: event.currentTarget.value })}
              error={errors.address}
              withAsterisk
              autoComplete="off"
              spellCheck={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label="Server name (SNI)"
              description="Optional: the name to send and check, if not the host."
              placeholder="api.example.com"
              value={form.servername}
              onChange={(event) => editForm({ servername: event.currentTarget.value })}
              error={errors.servername}
              autoComplete="off"
              spellCheck={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ScopeInput
              label="Trust scope"
              description="Optional: the profile whose CAs and pins apply."
              value={form.scope}
              onChange={(scope) => editForm({ scope })}
              error={errors.scope}
            />
          </Grid.Col>
        </Grid>
        <ExtraCaInput
          pem={form.extraCaPem}
          source={form.extraCaSource}
          error={errors.extraCa}
          onChange={(extraCaPem, extraCaSource) => editForm({ extraCaPem, extraCaSource })}
        />
        <Group>
          <Button type="submit" loading={inspecting}>
            Inspect
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
