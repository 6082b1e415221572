// Who is generating a rotation's successor, and whether it still is. A `planned` row carries the tag
// `<pid>:<nonce>` of its process; any other process opening the home asks the OS whether that pid is
// alive (same machine: SQLite homes are not shared over a network). A pid the OS may have reused after a
// crash is bounded by age: no generation takes anywhere near ABANDONED_GENERATION_MS.
import { randomBytes } from 'node:crypto';

export const ABANDONED_GENERATION_MS = 15 * 60 * 1000;

/** A tag for this process and this open home (two homes in one process get different tags). */
export function generatorTag(): string {
  return `${process.pid}:${randomBytes(6).toString('hex')}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process tagged `tag` can no longer be generating a successor it started at `startedAt`. */
export function generatorGone(tag: string | null, startedAt: string, now: Date): boolean {
  const pid = Number(tag?.split(':')[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  return now.getTime() - Date.parse(startedAt) > ABANDONED_GENERATION_MS || !processAlive(pid);
}
