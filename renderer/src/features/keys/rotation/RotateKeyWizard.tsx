// "Rotate key": three steps — the successor (label, algorithm), the schedule (when sending switches, how
// long the old key keeps receiving), a review with the timeline in dates — then the successor's generation,
// watched and cancelled like any generation. Enter moves on; a finished step is one click or key away.
import { Alert, Button, Group, Modal, Select, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_OVERLAP_DAYS, keysRotate, MAX_OVERLAP_DAYS, type KeySummary } from '../../../../../shared/ipc';
import { GenerationProgress } from '../GenerationProgress';
import { newJobId, useGenerationJob, useGenerationJobs } from '../generationJobs';
import { algorithmChoices, purposeAdvice, purposeLabel } from '../keyChoices';
import { algorithmLabel } from '../keyFormat';
import { defaultSuccessorLabel, overlapProblem, parseSwitchTime, type RotationSchedule } from './rotationPlan';
import { useStartRotation } from './rotationQueries';
import { RotationReviewStep } from './RotationReviewStep';
import { RotationScheduleStep } from './RotationScheduleStep';

interface Props {
  /** The key to rotate; the wizard is open while it is set. */
  predecessor: KeySummary | null;
  onClose(): void;
}

export function RotateKeyWizard({ predecessor, onClose }: Props) {
  return (
    <Modal opened={predecessor !== null} onClose={onClose} title="Rotate key" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {predecessor && <RotationSteps predecessor={predecessor} onClose={onClose} />}
    </Modal>
  );
}

const STEPS = ['Successor', 'Schedule', 'Review'] as const;
const labelSchema = keysRotate.input.shape.label.unwrap();

function algorithmValueOf(key: KeySummary): string {
  return algorithmChoices.find((choice) => algorithmLabel(choice.algorithm) === algorithmLabel(key.algorithm))!.value;
}

function RotationSteps({ predecessor, onClose }: { predecessor: KeySummary; onClose(): void }) {
  const [active, setActive] = useState(0);
  const [attempted, setAttempted] = useState<Set<number>>(() => new Set());
  const [label, setLabel] = useState(() => defaultSuccessorLabel(predecessor.label));
  const [algorithmValue, setAlgorithmValue] = useState(() => algorithmValueOf(predecessor));
  const [schedule, setSchedule] = useState<RotationSchedule>({ switchChoice: 'later', switchAtLocal: '', overlapDays: DEFAULT_OVERLAP_DAYS });
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useGenerationJob(jobId);
  const start = useStartRotation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const algorithm = algorithmChoices.find((choice) => choice.value === algorithmValue)!.algorithm;
  const labelCheck = labelSchema.safeParse(label);
  const switchCheck = schedule.switchChoice === 'at' ? parseSwitchTime(schedule.switchAtLocal, new Date()) : null;
  const overlapError = overlapProblem(schedule.overlapDays, MAX_OVERLAP_DAYS) ?? undefined;
  const stepValid = [labelCheck.success, (switchCheck === null || switchCheck.ok) && overlapError === undefined, true];
  const shown = (step: number) => attempted.has(step);
  const advice = purposeAdvice(predecessor.purpose, algorithm);

  // A new step is announced by moving focus to its heading (not on opening: the label field has it then).
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [active]);

  useEffect(() => {
    if (start.isSuccess) onClose();
    // A failure is told by a toast; the review comes back as it was, to try again or change the plan.
    else if (start.isError) setJobId(null);
  }, [start.isSuccess, start.isError, onClose]);

  const goTo = (step: number) => {
    moved.current = true;
    setActive(step);
  };

  const firstInvalid = (upTo: number) => stepValid.slice(0, upTo + 1).findIndex((valid) => !valid);

  const next = (event: FormEvent) => {
    event.preventDefault();
    setAttempted((steps) => new Set(steps).add(active));
    if (!stepValid[active]) return;
    if (active < STEPS.length - 1) goTo(active + 1);
    else begin();
  };

  const begin = () => {
    // Time has passed since the schedule was checked: an "at" time may be in the past now.
    const invalid = firstInvalid(STEPS.length - 1);
    if (invalid !== -1 || !labelCheck.success) return goTo(Math.max(invalid, 0));
    const id = newJobId();
    const switchAt = schedule.switchChoice === 'now' ? 'now' : switchCheck?.ok ? switchCheck.iso : null;
    const request = { id: predecessor.id, jobId: id, switchAt, overlapDays: schedule.overlapDays, label: labelCheck.data, algorithm };
    useGenerationJobs.getState().record(
      { jobId: id, state: 'running', label: labelCheck.data, purpose: predecessor.purpose, algorithm, startedAt: new Date().toISOString(), endedAt: null, key: null, error: null },
      { startedHere: true },
    );
    start.mutate({ request, names: { old: predecessor.label, new: labelCheck.data } });
    setJobId(id);
  };

  if (jobId !== null && (start.isPending || job?.state === 'running')) {
    return (
      <Stack gap="md">
        {job?.state === 'running' ? <GenerationProgress job={job} /> : <Text size="sm">Storing the new key…</Text>}
        <Text size="sm" c="dimmed">
          You can close this dialog and keep working; the rotation goes on and both keys show its timeline once the new key is stored.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Continue in background
          </Button>
        </Group>
      </Stack>
    );
  }

  const stepPanel = (heading: string, children: ReactNode) => (
    <Stack gap="md" mt="md">
      <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
        {heading}
      </Title>
      {children}
    </Stack>
  );

  return (
    <form onSubmit={next} noValidate>
      <Stepper active={active} onStepClick={goTo} allowNextStepsSelect={false} size="sm" aria-label="Rotation steps">
        <Stepper.Step label={STEPS[0]} description="The new key" aria-current={active === 0 ? 'step' : undefined}>
          {stepPanel(
            `The key that replaces “${predecessor.label}”`,
            <>
              <Text size="sm">
                It serves the same purpose ({purposeLabel(predecessor.purpose)}). Until the switch it only receives; “{predecessor.label}” keeps sending.
              </Text>
              <TextInput
                label="Label"
                required
                maxLength={100}
                value={label}
                onChange={(event) => setLabel(event.currentTarget.value)}
                error={shown(0) && !labelCheck.success ? labelCheck.error.issues[0]?.message : undefined}
                data-autofocus
              />
              <Select
                label="Algorithm"
                description={`The old key is ${algorithmLabel(predecessor.algorithm)}. RSA takes a few seconds to generate; EC is instant.`}
                data={algorithmChoices.map(({ value, label: text }) => ({ value, label: text }))}
                value={algorithmValue}
                onChange={(value) => value && setAlgorithmValue(value)}
                allowDeselect={false}
              />
              {advice && (
                <Alert color="yellow" variant="light" title="Check the algorithm">
                  {advice}
                </Alert>
              )}
            </>,
          )}
        </Stepper.Step>
        <Stepper.Step label={STEPS[1]} description="When it sends" aria-current={active === 1 ? 'step' : undefined}>
          {stepPanel(
            'Schedule',
            <RotationScheduleStep
              schedule={schedule}
              onChange={setSchedule}
              switchAtError={shown(1) && switchCheck && !switchCheck.ok ? switchCheck.message : undefined}
              overlapError={shown(1) ? overlapError : undefined}
            />,
          )}
        </Stepper.Step>
        <Stepper.Step label={STEPS[2]} description="Check and start" aria-current={active === 2 ? 'step' : undefined}>
          {stepPanel(
            'Review',
            stepValid[0] && stepValid[1] && (
              <RotationReviewStep predecessor={predecessor} successorLabel={label.trim()} algorithm={algorithm} schedule={schedule} />
            ),
          )}
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="lg">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Group gap="sm">
          {active > 0 && (
            <Button variant="default" onClick={() => goTo(active - 1)}>
              Back
            </Button>
          )}
          <Button type="submit">{active < STEPS.length - 1 ? 'Next' : 'Start rotation'}</Button>
        </Group>
      </Group>
    </form>
  );
}
