// "Generate key": label, purpose and algorithm, then the running job with its elapsed time and Cancel.
// The job belongs to Courier, not to this dialog: closing the dialog leaves it running, shown on the
// page, and its end is told there.
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { keysGenerate, type KeyPurpose, type KeySummary } from '../../../../shared/ipc';
import { newJobId, useGenerationJob, useGenerationJobs } from './generationJobs';
import { GenerationProgress } from './GenerationProgress';
import { algorithmChoices, DEFAULT_ALGORITHM, purposeAdvice, purposeChoices } from './keyChoices';
import { useGenerateKey } from './queries';

interface Props {
  opened: boolean;
  onClose(): void;
  onGenerated(key: KeySummary): void;
}

export function GenerateKeyDialog({ opened, onClose, onGenerated }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Generate key" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <GenerateKeyForm onClose={onClose} onGenerated={onGenerated} />
    </Modal>
  );
}

const labelSchema = keysGenerate.input.shape.label;

function GenerateKeyForm({ onClose, onGenerated }: Omit<Props, 'opened'>) {
  const [label, setLabel] = useState('');
  const [purpose, setPurpose] = useState<KeyPurpose | null>(null);
  const [algorithmValue, setAlgorithmValue] = useState(DEFAULT_ALGORITHM);
  const [submitted, setSubmitted] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useGenerationJob(jobId);
  const generate = useGenerateKey();

  const algorithm = algorithmChoices.find((choice) => choice.value === algorithmValue)!.algorithm;
  const labelCheck = labelSchema.safeParse(label);
  const labelError = submitted && !labelCheck.success ? labelCheck.error.issues[0]?.message : undefined;
  const purposeError = submitted && purpose === null ? 'Choose what the key is for.' : undefined;
  const advice = purpose && purposeAdvice(purpose, algorithm);
  const chosenPurpose = purposeChoices.find((choice) => choice.value === purpose);

  useEffect(() => {
    if (job?.state === 'succeeded') {
      if (job.key) onGenerated(job.key);
      onClose();
    } else if (job?.state === 'cancelled') {
      onClose();
    } else if (job?.state === 'failed') {
      // The failure is in a toast; the form comes back as it was, to try again.
      setJobId(null);
    }
  }, [job, onClose, onGenerated]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!labelCheck.success || purpose === null) return;
    const id = newJobId();
    const request = { jobId: id, label: labelCheck.data, purpose, algorithm };
    useGenerationJobs.getState().record(
      { ...request, state: 'running', startedAt: new Date().toISOString(), endedAt: null, key: null, error: null },
      { startedHere: true },
    );
    generate.mutate(request);
    setJobId(id);
  };

  if (job?.state === 'running') {
    return (
      <Stack gap="md">
        <GenerationProgress job={job} />
        <Text size="sm" c="dimmed">
          You can close this dialog and keep working; the generation goes on and the key appears in the table when it is stored.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Continue in background
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Label"
          description="A name you will recognise, such as “PACO signing 2025”."
          required
          maxLength={100}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={labelError}
          data-autofocus
        />
        <Select
          label="Purpose"
          placeholder="What the key is for"
          required
          data={purposeChoices.map(({ value, label }) => ({ value, label }))}
          value={purpose}
          onChange={(value) => setPurpose(purposeChoices.find((choice) => choice.value === value)?.value ?? null)}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {purposeChoices.find((choice) => choice.value === option.value)?.description}
              </Text>
            </div>
          )}
          description={chosenPurpose?.description ?? 'Each key serves one purpose.'}
          error={purposeError}
          allowDeselect={false}
          maxDropdownHeight={420}
        />
        <Select
          label="Algorithm"
          description="RSA 4096 is what most partners ask for; RSA takes a few seconds to generate, EC is instant."
          data={algorithmChoices.map(({ value, label }) => ({ value, label }))}
          value={algorithmValue}
          onChange={(value) => value && setAlgorithmValue(value)}
          allowDeselect={false}
        />
        {advice && (
          <Alert color="yellow" variant="light" title="Check the algorithm">
            {advice}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Generate</Button>
        </Group>
      </Stack>
    </form>
  );
}
