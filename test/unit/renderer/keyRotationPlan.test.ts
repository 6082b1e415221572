// What the rotation wizard turns a person's choices into before keys.rotate sees them — the switch time
// (a local date-time that must lie ahead), the overlap window, the default successor label — and the
// timeline the key details show for each state of a rotation.
import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, MAX_OVERLAP_DAYS, type KeyRotation } from '../../../shared/ipc';
import {
  defaultSuccessorLabel,
  overlapProblem,
  overlapSentence,
  parseSwitchTime,
  plannedMilestones,
  rotationMilestones,
  switchAtFor,
} from '../../../renderer/src/features/keys/rotation/rotationPlan';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const names = { old: 'AS2 signing 2025', new: 'AS2 signing 2026' };

function rotation(change: Partial<KeyRotation>): KeyRotation {
  return {
    id: 1,
    state: 'ready',
    predecessorId: 'key-a',
    successorId: 'key-b',
    jobId: 'job',
    overlapDays: 14,
    switchAt: null,
    retireAt: null,
    startedAt: '2026-03-10T12:00:00.000Z',
    readyAt: '2026-03-10T12:00:02.000Z',
    switchedAt: null,
    retiredAt: null,
    cancelledAt: null,
    cancelReason: null,
    ...change,
  };
}

describe('parseSwitchTime', () => {
  it('takes a local date-time after now as its UTC instant', () => {
    const parsed = parseSwitchTime('2026-04-01T09:30', NOW);
    expect(parsed).toEqual({ ok: true, iso: new Date(2026, 3, 1, 9, 30).toISOString() });
  });

  it.each([
    ['', 'Choose the date and time of the switch.'],
    ['   ', 'Choose the date and time of the switch.'],
    ['2026-04-01', 'Give the date and time as YYYY-MM-DD and HH:MM.'],
    ['2026-04-01T09:30Z', 'Give the date and time as YYYY-MM-DD and HH:MM.'],
    ['2026-13-45T99:99', 'Give the date and time as YYYY-MM-DD and HH:MM.'],
    ['tomorrow', 'Give the date and time as YYYY-MM-DD and HH:MM.'],
    ['2020-01-01T09:00', 'The switch time must be in the future.'],
  ])('refuses %j', (text, message) => {
    expect(parseSwitchTime(text, NOW)).toEqual({ ok: false, message });
  });

  it('refuses the very instant of now: the switch must lie ahead', () => {
    const local = new Date(NOW.getTime() - NOW.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    expect(parseSwitchTime(local, NOW).ok).toBe(false);
  });
});

describe('switchAtFor and overlapProblem', () => {
  it('maps the three choices to what keys.rotate takes', () => {
    expect(switchAtFor({ switchChoice: 'now', switchAtLocal: '', overlapDays: 14 }, NOW)).toBe('now');
    expect(switchAtFor({ switchChoice: 'later', switchAtLocal: '2020-01-01T00:00', overlapDays: 14 }, NOW)).toBeNull();
    expect(switchAtFor({ switchChoice: 'at', switchAtLocal: '2026-04-01T09:30', overlapDays: 14 }, NOW)).toBe(new Date(2026, 3, 1, 9, 30).toISOString());
    expect(() => switchAtFor({ switchChoice: 'at', switchAtLocal: '2020-01-01T00:00', overlapDays: 14 }, NOW)).toThrow('in the future');
  });

  it.each([
    [0, null],
    [14, null],
    [MAX_OVERLAP_DAYS, null],
    [MAX_OVERLAP_DAYS + 1, `The overlap is at most ${MAX_OVERLAP_DAYS} days.`],
    [-1, 'The overlap cannot be negative.'],
    [1.5, 'The overlap is a whole number of days.'],
    [Number.NaN, 'The overlap is a whole number of days.'],
  ])('overlap %d → %s', (days, problem) => {
    expect(overlapProblem(days, MAX_OVERLAP_DAYS)).toBe(problem);
  });
});

describe('defaultSuccessorLabel', () => {
  it('marks the old label, and stays within the label limit however long the old one is', () => {
    expect(defaultSuccessorLabel('PACO signing')).toBe('PACO signing (successor)');
    const long = defaultSuccessorLabel('x'.repeat(MAX_LABEL_LENGTH));
    expect(long).toHaveLength(MAX_LABEL_LENGTH);
    expect(long.endsWith(' (successor)')).toBe(true);
  });
});

describe('overlapSentence', () => {
  const format = (at: string) => at.slice(0, 10);
  it('names the retirement date when the switch time is known', () => {
    expect(overlapSentence({ switchChoice: 'now', switchAtLocal: '', overlapDays: 14 }, NOW, format)).toBe(
      'Courier keeps accepting messages encrypted to or signed with the old key until 2026-03-24 (14 days after the switch); then the old key retires.',
    );
  });
  it('counts from the switch when the user will make it', () => {
    expect(overlapSentence({ switchChoice: 'later', switchAtLocal: '', overlapDays: 1 }, NOW, format)).toContain('until 1 day after the switch, whenever you make it');
  });
  it('says a zero-day overlap ends at the switch', () => {
    expect(overlapSentence({ switchChoice: 'now', switchAtLocal: '', overlapDays: 0 }, NOW, format)).toContain('only until the switch (2026-03-10)');
  });
});

describe('rotationMilestones', () => {
  it('ready, switch when asked: the switch and the retirement wait on a person', () => {
    const milestones = rotationMilestones(rotation({}), names);
    expect(milestones.map((m) => [m.id, m.status, m.at])).toEqual([
      ['started', 'done', '2026-03-10T12:00:00.000Z'],
      ['ready', 'done', '2026-03-10T12:00:02.000Z'],
      ['switch', 'waiting', null],
      ['retire', 'waiting', null],
    ]);
    expect(milestones[3]!.detail).toMatch(/^14 days after the switch\. “AS2 signing 2025” no longer decrypts or verifies/);
  });

  it('switched: done at the switch, the retirement planned at its date', () => {
    const milestones = rotationMilestones(
      rotation({ state: 'switched', switchAt: '2026-03-11T00:00:00.000Z', switchedAt: '2026-03-11T00:00:00.000Z', retireAt: '2026-03-25T00:00:00.000Z' }),
      names,
    );
    expect(milestones.slice(2).map((m) => [m.title, m.status, m.at])).toEqual([
      ['Sending switched', 'done', '2026-03-11T00:00:00.000Z'],
      ['Old key retires', 'planned', '2026-03-25T00:00:00.000Z'],
    ]);
  });

  it('retired: every milestone done', () => {
    const milestones = rotationMilestones(
      rotation({ state: 'retired', switchedAt: '2026-03-11T00:00:00.000Z', retireAt: '2026-03-25T00:00:00.000Z', retiredAt: '2026-03-25T00:01:00.000Z' }),
      names,
    );
    expect(milestones.every((m) => m.status === 'done')).toBe(true);
    expect(milestones.at(-1)).toMatchObject({ title: 'Old key retired', at: '2026-03-25T00:01:00.000Z' });
  });

  it('planned: the generation is in progress, with no date yet', () => {
    expect(rotationMilestones(rotation({ state: 'planned', readyAt: null }), names)[1]).toMatchObject({ status: 'in-progress', at: null });
  });

  it.each([
    ['requested', '2026-03-10T12:00:02.000Z', 'Cancelled on request. “AS2 signing 2025” was left as it was and “AS2 signing 2026” removed.'],
    ['generation-failed', null, 'The new key could not be generated. “AS2 signing 2025” was left as it was.'],
    ['interrupted', null, 'Courier stopped while the new key was being generated. “AS2 signing 2025” was left as it was.'],
  ] as const)('cancelled (%s): ends the timeline with the reason, no switch or retirement shown', (reason, readyAt, detail) => {
    const milestones = rotationMilestones(rotation({ state: 'cancelled', readyAt, cancelledAt: '2026-03-10T13:00:00.000Z', cancelReason: reason }), names);
    expect(milestones.map((m) => m.id)).toEqual(readyAt ? ['started', 'ready', 'cancelled'] : ['started', 'cancelled']);
    expect(milestones.at(-1)).toMatchObject({ status: 'cancelled', at: '2026-03-10T13:00:00.000Z', detail });
  });
});

describe('plannedMilestones (the review step)', () => {
  it('"at": the switch at the chosen instant, the retirement overlapDays later', () => {
    const milestones = plannedMilestones({ switchChoice: 'at', switchAtLocal: '2026-04-01T09:30', overlapDays: 3 }, names, NOW);
    const switchAt = milestones.find((m) => m.id === 'switch')!;
    const retire = milestones.find((m) => m.id === 'retire')!;
    expect(switchAt).toMatchObject({ status: 'planned', at: new Date(2026, 3, 1, 9, 30).toISOString() });
    expect(Date.parse(retire.at!) - Date.parse(switchAt.at!)).toBe(3 * DAY_MS);
    expect(milestones.find((m) => m.id === 'ready')).toMatchObject({ title: 'New key generated', status: 'planned', at: NOW.toISOString() });
  });

  it('"now": switch at the start, retirement overlapDays after; "later": both wait', () => {
    const now = plannedMilestones({ switchChoice: 'now', switchAtLocal: '', overlapDays: 14 }, names, NOW);
    expect(now.find((m) => m.id === 'retire')!.at).toBe(new Date(NOW.getTime() + 14 * DAY_MS).toISOString());
    const later = plannedMilestones({ switchChoice: 'later', switchAtLocal: '', overlapDays: 14 }, names, NOW);
    expect(later.filter((m) => m.status === 'waiting').map((m) => m.id)).toEqual(['switch', 'retire']);
  });
});
