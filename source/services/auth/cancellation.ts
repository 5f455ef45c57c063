import { CancelledError } from '../errors.js';

/**
 * `work`, unless `signal` aborts first: then a CancelledError at once, whatever `work` is still waiting
 * on. Either way the returned promise counts as handled, since a caller that cancels may stop listening.
 */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const cancelled = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new CancelledError('The sign-in was cancelled.'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const outcome = Promise.race([work, cancelled]);
  outcome.catch(() => {});
  return outcome;
}
