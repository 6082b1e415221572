// A rotation's milestones as an ordered list: what happened when, what is planned for when, what waits
// for a person. Each item says its status in words; the bullet colour only repeats it.
import { Text, Timeline } from '@mantine/core';
import { createdFormat } from '../keyFormat';
import type { Milestone, MilestoneStatus } from './rotationPlan';

const statusText: Record<MilestoneStatus, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  planned: 'Planned',
  waiting: 'Waiting',
  cancelled: 'Cancelled',
};

const statusColor: Record<MilestoneStatus, string> = {
  done: 'teal',
  'in-progress': 'blue',
  planned: 'gray',
  waiting: 'gray',
  cancelled: 'red',
};

export function RotationTimeline({ milestones, label }: { milestones: Milestone[]; label: string }) {
  const reached = milestones.reduce((last, milestone, index) => (milestone.status === 'done' || milestone.status === 'cancelled' ? index : last), -1);
  return (
    <Timeline active={reached} bulletSize={16} lineWidth={2} role="list" aria-label={label}>
      {milestones.map((milestone) => (
        <Timeline.Item
          key={milestone.id}
          role="listitem"
          color={statusColor[milestone.status]}
          lineVariant={milestone.status === 'done' ? 'solid' : 'dashed'}
          title={milestone.title}
        >
          <Text size="sm">
            <Text span fw={600} size="sm">
              {statusText[milestone.status]}
            </Text>
            {milestone.at && (
              <>
                {' · '}
                <time dateTime={milestone.at}>{createdFormat.format(new Date(milestone.at))}</time>
              </>
            )}
          </Text>
          <Text size="sm" c="dimmed">
            {milestone.detail}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
