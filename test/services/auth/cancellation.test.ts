import { describe, expect, it } from 'vitest';
import { unlessCancelled } from '../../../source/services/auth/cancellation.js';
import { CancelledError } from '../../../source/services/errors.js';

/** Work that never ends on its own, as a sign-in waiting for a browser that never comes back. */
const endless = (): Promise<string> => new Promise(() => {});

describe('unlessCancelled', () => {
  it('gives the work’s outcome while nobody cancels', async () => {
    await expect(unlessCancelled(Promise.resolve('token'), new AbortController().signal)).resolves.toBe(
      'token',
    );
    const failure = new Error('refused');
    await expect(unlessCancelled(Promise.reject(failure), new AbortController().signal)).rejects.toBe(
      failure,
    );
  });

  it('rejects with CancelledError as soon as the signal aborts, whatever the work waits on', async () => {
    const abort = new AbortController();
    const outcome = unlessCancelled(endless(), abort.signal);
    abort.abort();
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
    await expect(outcome).rejects.toMatchObject({ message: 'The sign-in was cancelled.' });
  });

  it('rejects at once when the signal had aborted before', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(unlessCancelled(endless(), abort.signal)).rejects.toBeInstanceOf(CancelledError);
  });
});
