// The wizard's last step: what will be made and the timeline it will follow, in concrete dates, before
// anything is started.
import { DataList, Stack, Text } from '@mantine/core';
import type { KeyAlgorithm, KeySummary } from '../../../../../shared/ipc';
import { purposeLabel } from '../keyChoices';
import { algorithmLabel, createdFormat } from '../keyFormat';
import { overlapSentence, plannedMilestones, type RotationSchedule } from './rotationPlan';
import { RotationTimeline } from './RotationTimeline';

interface Props {
  predecessor: KeySummary;
  successorLabel: string;
  algorithm: KeyAlgorithm;
  schedule: RotationSchedule;
}

const switchText = (schedule: RotationSchedule) =>
  schedule.switchChoice === 'now' ? 'Right after the new key is generated' : schedule.switchChoice === 'later' ? 'When you choose “Switch now”' : null;

export function RotationReviewStep({ predecessor, successorLabel, algorithm, schedule }: Props) {
  const now = new Date();
  const names = { old: predecessor.label, new: successorLabel };
  const milestones = plannedMilestones(schedule, names, now);
  const switchAt = milestones.find((milestone) => milestone.id === 'switch')?.at;
  return (
    <Stack gap="md">
      <DataList labelWidth="10rem" size="sm" styles={{ itemLabel: { color: 'var(--mantine-color-text)', fontWeight: 500 } }}>
        <DataList.Item>
          <DataList.ItemLabel>Replaces</DataList.ItemLabel>
          <DataList.ItemValue>
            “{predecessor.label}” ({algorithmLabel(predecessor.algorithm)}, {purposeLabel(predecessor.purpose)})
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>New key</DataList.ItemLabel>
          <DataList.ItemValue>
            “{successorLabel}” ({algorithmLabel(algorithm)})
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Sending switches</DataList.ItemLabel>
          <DataList.ItemValue>{switchText(schedule) ?? (switchAt ? createdFormat.format(new Date(switchAt)) : '—')}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Overlap window</DataList.ItemLabel>
          <DataList.ItemValue>
            {schedule.overlapDays} day{schedule.overlapDays === 1 ? '' : 's'}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Text size="sm">{overlapSentence(schedule, now, (iso) => createdFormat.format(new Date(iso)))}</Text>
      <RotationTimeline milestones={milestones} label="Planned timeline" />
      <Text size="xs" c="dimmed">
        Each step is recorded in the audit log. Until the switch you can cancel the rotation; the new key is then removed.
      </Text>
    </Stack>
  );
}
