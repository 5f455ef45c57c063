/** How far a long listing has come: done of total, and the first and the latest moments something came in. */
export interface Progress {
  readonly total: number;
  readonly done: number;
  /** The first batch in and when it came, and when the last came: the rate between them gives the time left. */
  readonly first?: { readonly done: number; readonly at: Date };
  readonly lastAt?: Date;
}

/** The progress after `count` more came in at `at`. */
export function advanced(progress: Progress, count: number, at: Date): Progress {
  const done = progress.done + count;
  return { ...progress, done, first: progress.first ?? { done, at }, lastAt: at };
}

/** Milliseconds the rest takes at the rate so far; unknown before two batches have come in. */
export function timeLeft(progress: Progress): number | undefined {
  const { first, lastAt } = progress;
  if (!first || !lastAt) return undefined;
  const elapsed = lastAt.getTime() - first.at.getTime();
  const fetched = progress.done - first.done;
  if (elapsed <= 0 || fetched <= 0) return undefined;
  return ((progress.total - progress.done) * elapsed) / fetched;
}

/** `1h 05m`, `58m 12s`, `9s`; `expired` once the time has passed. */
export function formatTimeLeft(milliseconds: number): string {
  if (milliseconds <= 0) return 'expired';
  const seconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

const count = (value: number): string => value.toLocaleString('en-US');

/** `roles 169 / 2,500 · 2m 05s left`: what a listing's progress says, on the screen and on stderr. */
export function describeProgress(what: string, progress: Progress): string {
  const left = progress.done < progress.total ? timeLeft(progress) : undefined;
  // Under a second is still time left, not "expired".
  const suffix = left === undefined ? '' : ` · ${formatTimeLeft(Math.max(1000, left))} left`;
  return `${what} ${count(progress.done)} / ${count(progress.total)}${suffix}`;
}
