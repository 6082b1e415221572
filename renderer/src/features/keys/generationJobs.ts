// Key generations this window knows of — started here, or elsewhere and announced by the `keys.generation`
// event — so a progress indicator can show while one runs and its end is told once, however it arrives
// (the event, or the reply to keys.generate).
import { create } from 'zustand';
import type { KeyGenerationJob } from '../../../../shared/ipc';
import { algorithmLabel } from './keyFormat';
import { useOutcomeNotice } from './outcomeNotice';

export interface TrackedJob {
  job: KeyGenerationJob;
  /** Started from this window: its failure is already told by the failed call's toast. */
  startedHere: boolean;
}

interface GenerationJobsState {
  jobs: Record<string, TrackedJob>;
  record(job: KeyGenerationJob, options?: { startedHere?: boolean }): void;
}

/** A job id chosen here, so the job can be cancelled before Courier has even replied. */
export function newJobId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Finished jobs are kept only so a late duplicate of their end is recognised; a few suffice. */
const FINISHED_KEPT = 20;

function prune(jobs: Record<string, TrackedJob>): Record<string, TrackedJob> {
  const finished = Object.values(jobs).filter(({ job }) => job.state !== 'running');
  if (finished.length <= FINISHED_KEPT) return jobs;
  const dropped = new Set(finished.slice(0, finished.length - FINISHED_KEPT).map(({ job }) => job.jobId));
  return Object.fromEntries(Object.entries(jobs).filter(([jobId]) => !dropped.has(jobId)));
}

function tellEnd({ job, startedHere }: TrackedJob): void {
  const { report } = useOutcomeNotice.getState();
  const what = `${algorithmLabel(job.algorithm)} key “${job.label}”`;
  if (job.state === 'succeeded') report({ tone: 'success', title: 'Key generated', detail: `The ${what} is stored and listed below.` });
  else if (job.state === 'cancelled') report({ tone: 'neutral', title: 'Generation cancelled', detail: `Nothing was stored for the ${what}.` });
  else if (job.state === 'failed' && !startedHere) report({ tone: 'neutral', title: 'Generation failed', detail: job.error?.message ?? `The ${what} was not stored.` });
}

export const useGenerationJobs = create<GenerationJobsState>()((set, get) => ({
  jobs: {},
  record(job, options = {}) {
    const previous = get().jobs[job.jobId];
    // A job ends once; whichever report of its end came second changes nothing.
    if (previous && previous.job.state !== 'running') return;
    const tracked: TrackedJob = {
      job: { ...job, startedAt: previous?.job.startedAt ?? job.startedAt },
      startedHere: previous?.startedHere ?? options.startedHere ?? false,
    };
    set(({ jobs }) => ({ jobs: prune({ ...jobs, [job.jobId]: tracked }) }));
    if (job.state !== 'running') tellEnd(tracked);
  },
}));

/** Ends a job from the reply to the call that ran it, unless its event already told the end. */
export function endJobFromReply(jobId: string, end: Pick<KeyGenerationJob, 'state'> & Partial<Pick<KeyGenerationJob, 'key' | 'error'>>): void {
  const tracked = useGenerationJobs.getState().jobs[jobId];
  if (tracked) useGenerationJobs.getState().record({ ...tracked.job, key: null, error: null, ...end, endedAt: new Date().toISOString() });
}

export function useRunningJobs(): KeyGenerationJob[] {
  const jobs = useGenerationJobs((state) => state.jobs);
  return Object.values(jobs)
    .filter(({ job }) => job.state === 'running')
    .map(({ job }) => job);
}

export function useGenerationJob(jobId: string | null): KeyGenerationJob | null {
  return useGenerationJobs((state) => (jobId === null ? null : (state.jobs[jobId]?.job ?? null)));
}
