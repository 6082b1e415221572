// What a rotation means in dates, in one place for the wizard and the key details: the switch time a
// person picks (turned into the contract's switchAt), and the milestones a timeline shows — for a rotation
// under way, or for one still being planned (the wizard's review step).
import { MAX_LABEL_LENGTH, type KeyRotation, type KeyRotationCancelReason } from '../../../../../shared/ipc';

export type SwitchChoice = 'now' | 'at' | 'later';

export interface RotationSchedule {
  switchChoice: SwitchChoice;
  /** The `datetime-local` field's value (local time, no zone); used when switchChoice is 'at'. */
  switchAtLocal: string;
  overlapDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

const SUCCESSOR_SUFFIX = ' (successor)';

/** The wizard's first suggestion for the new key's label: the old one's, marked, within the label limit. */
export function defaultSuccessorLabel(label: string): string {
  return label.slice(0, MAX_LABEL_LENGTH - SUCCESSOR_SUFFIX.length) + SUCCESSOR_SUFFIX;
}

export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** A `datetime-local` value as a UTC instant, if it is a real time after `now`. */
export function parseSwitchTime(local: string, now: Date): { ok: true; iso: string } | { ok: false; message: string } {
  if (local.trim() === '') return { ok: false, message: 'Choose the date and time of the switch.' };
  const at = LOCAL_DATE_TIME.test(local) ? new Date(local) : null;
  if (!at || Number.isNaN(at.getTime())) return { ok: false, message: 'Give the date and time as YYYY-MM-DD and HH:MM.' };
  if (at.getTime() <= now.getTime()) return { ok: false, message: 'The switch time must be in the future.' };
  return { ok: true, iso: at.toISOString() };
}

/** The overlap window as a whole number of days the contract accepts, or why not. */
export function overlapProblem(days: number, max: number): string | null {
  if (!Number.isInteger(days)) return 'The overlap is a whole number of days.';
  if (days < 0) return 'The overlap cannot be negative.';
  if (days > max) return `The overlap is at most ${max} days.`;
  return null;
}

/** switchAt as keys.rotate takes it; an unparseable "at" time is the caller's to catch first. */
export function switchAtFor(schedule: RotationSchedule, now: Date): string | 'now' | null {
  if (schedule.switchChoice === 'now') return 'now';
  if (schedule.switchChoice === 'later') return null;
  const parsed = parseSwitchTime(schedule.switchAtLocal, now);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.iso;
}

export type MilestoneStatus = 'done' | 'in-progress' | 'planned' | 'waiting' | 'cancelled';

export interface Milestone {
  id: 'started' | 'ready' | 'switch' | 'retire' | 'cancelled';
  title: string;
  /** When it happened or is planned; null when it waits on a person or on another step. */
  at: string | null;
  status: MilestoneStatus;
  detail: string;
}

export interface RotationNames {
  /** The key being replaced. */
  old: string;
  /** Its successor. */
  new: string;
}

const cancelReasons: Record<KeyRotationCancelReason, string> = {
  requested: 'Cancelled on request.',
  'generation-failed': 'The new key could not be generated.',
  interrupted: 'Courier stopped while the new key was being generated.',
};

export function cancelReasonText(reason: KeyRotationCancelReason | null): string {
  return reason ? cancelReasons[reason] : 'Cancelled.';
}

const after = (days: number) => (days === 0 ? 'at the switch' : `${days} day${days === 1 ? '' : 's'} after the switch`);

/** The timeline of a rotation as Courier reports it. */
export function rotationMilestones(rotation: KeyRotation, names: RotationNames): Milestone[] {
  const milestones: Milestone[] = [
    { id: 'started', title: 'Rotation started', at: rotation.startedAt, status: 'done', detail: `Courier began generating “${names.new}”.` },
  ];
  if (rotation.readyAt) {
    milestones.push({ id: 'ready', title: 'New key ready', at: rotation.readyAt, status: 'done', detail: `“${names.new}” is stored and accepts messages.` });
  } else if (rotation.state === 'planned') {
    milestones.push({ id: 'ready', title: 'New key being generated', at: null, status: 'in-progress', detail: `“${names.new}” is stored once generated.` });
  }
  if (rotation.state === 'cancelled') {
    milestones.push({
      id: 'cancelled',
      title: 'Rotation cancelled',
      at: rotation.cancelledAt,
      status: 'cancelled',
      detail: `${cancelReasonText(rotation.cancelReason)} “${names.old}” was left as it was${rotation.readyAt ? ` and “${names.new}” removed` : ''}.`,
    });
    return milestones;
  }
  const sending = `“${names.new}” signs what Courier sends and is the key partners encrypt to.`;
  if (rotation.switchedAt) milestones.push({ id: 'switch', title: 'Sending switched', at: rotation.switchedAt, status: 'done', detail: sending });
  else if (rotation.switchAt) milestones.push({ id: 'switch', title: 'Sending switches', at: rotation.switchAt, status: 'planned', detail: sending });
  else milestones.push({ id: 'switch', title: 'Sending switches', at: null, status: 'waiting', detail: `When you choose “Switch now”. ${sending}` });
  const receiving = `“${names.old}” no longer decrypts or verifies; its file is kept.`;
  if (rotation.retiredAt) milestones.push({ id: 'retire', title: 'Old key retired', at: rotation.retiredAt, status: 'done', detail: receiving });
  else if (rotation.retireAt) milestones.push({ id: 'retire', title: 'Old key retires', at: rotation.retireAt, status: 'planned', detail: receiving });
  else milestones.push({ id: 'retire', title: 'Old key retires', at: null, status: 'waiting', detail: `${capitalised(after(rotation.overlapDays))}. ${receiving}` });
  return milestones;
}

/** The timeline a rotation started at `now` with this schedule will follow (the wizard's review). */
export function plannedMilestones(schedule: RotationSchedule, names: RotationNames, now: Date): Milestone[] {
  const startedAt = now.toISOString();
  const switchAt = schedule.switchChoice === 'later' ? null : switchAtFor(schedule, now);
  const at = switchAt === 'now' ? startedAt : switchAt;
  return rotationMilestones(
    {
      id: 0,
      state: 'planned',
      predecessorId: '',
      successorId: '',
      jobId: '',
      overlapDays: schedule.overlapDays,
      switchAt: at,
      retireAt: at && addDays(at, schedule.overlapDays),
      startedAt,
      readyAt: null,
      switchedAt: null,
      retiredAt: null,
      cancelledAt: null,
      cancelReason: null,
    },
    names,
  ).map((milestone) => (milestone.id === 'ready' ? { ...milestone, title: 'New key generated', status: 'planned', at: startedAt } : milestone));
}

/** "Courier keeps accepting … until …": what the overlap window means, in one sentence. */
export function overlapSentence(schedule: RotationSchedule, now: Date, format: (iso: string) => string): string {
  const subject = 'Courier keeps accepting messages encrypted to or signed with the old key';
  const days = schedule.overlapDays;
  if (schedule.switchChoice === 'later') return `${subject} until ${after(days)}, whenever you make it; then the old key retires.`;
  const parsed = schedule.switchChoice === 'now' ? { ok: true as const, iso: now.toISOString() } : parseSwitchTime(schedule.switchAtLocal, now);
  if (!parsed.ok) return `${subject} until ${after(days)}; then the old key retires.`;
  if (days === 0) return `${subject} only until the switch (${format(parsed.iso)}); then it retires at once.`;
  return `${subject} until ${format(addDays(parsed.iso, days))} (${after(days)}); then the old key retires.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
