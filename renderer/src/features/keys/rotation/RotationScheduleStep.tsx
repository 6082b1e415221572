// The wizard's second step: when sending moves to the new key (now, at a set time, or when the user says
// so) and how long the old key keeps receiving after that, said as a date where one is known.
import { NumberInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { MAX_OVERLAP_DAYS } from '../../../../../shared/ipc';
import { createdFormat } from '../keyFormat';
import { overlapProblem, overlapSentence, type RotationSchedule, type SwitchChoice } from './rotationPlan';

interface Props {
  schedule: RotationSchedule;
  onChange(schedule: RotationSchedule): void;
  switchAtError: string | undefined;
  overlapError: string | undefined;
}

/** Now as a `datetime-local` value, the earliest the field offers. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const format = (iso: string) => createdFormat.format(new Date(iso));

export function RotationScheduleStep({ schedule, onChange, switchAtError, overlapError }: Props) {
  const set = (change: Partial<RotationSchedule>) => onChange({ ...schedule, ...change });
  return (
    <Stack gap="md">
      <Radio.Group
        label="When should sending switch to the new key?"
        description="Until the switch, Courier signs with the old key and tells partners to encrypt to it."
        value={schedule.switchChoice}
        onChange={(value) => set({ switchChoice: value as SwitchChoice })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="now" label="Now" description="As soon as the new key is generated." />
          <Radio value="at" label="At a date and time" description="Give partners time to install the new certificate first." />
          <Radio value="later" label="Later, when I say so" description="Switch with “Switch now” in the key’s details." />
        </Stack>
      </Radio.Group>
      {schedule.switchChoice === 'at' && (
        <TextInput
          type="datetime-local"
          label="Switch at"
          description="Your local time."
          required
          min={localNow()}
          value={schedule.switchAtLocal}
          onChange={(event) => set({ switchAtLocal: event.currentTarget.value })}
          error={switchAtError}
          maw={280}
        />
      )}
      <NumberInput
        label="Overlap window (days)"
        description="How long the old key keeps receiving after the switch."
        min={0}
        max={MAX_OVERLAP_DAYS}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        value={schedule.overlapDays}
        onChange={(value) => set({ overlapDays: typeof value === 'number' ? value : Number.NaN })}
        error={overlapError}
        maw={280}
      />
      {overlapError === undefined && overlapProblem(schedule.overlapDays, MAX_OVERLAP_DAYS) === null && (
        <Text size="sm">{overlapSentence(schedule, new Date(), format)}</Text>
      )}
    </Stack>
  );
}
