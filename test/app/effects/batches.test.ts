import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchInterval, createBatch, type Batch } from '../../../source/app/effects/batches.js';

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

function collect(options: { paged?: boolean } = {}) {
  const handed: number[][] = [];
  const live = new Set<Batch<unknown>>();
  const batch = createBatch<number>(
    live,
    (items) => handed.push(items),
    () => 100,
    options,
  );
  return { batch, handed, live };
}

describe('batches', () => {
  it('hands items over once per interval, on a timer', () => {
    const { batch, handed } = collect();
    batch.add(1);
    batch.add(2);
    vi.advanceTimersByTime(99);
    expect(handed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(handed).toEqual([[1, 2]]);
  });

  it('hands a page over right after its source has moved on to the next, not within the page', () => {
    const { batch, handed } = collect({ paged: true });
    batch.add(1);
    batch.pageDone();
    expect(handed).toEqual([]);
    vi.runOnlyPendingTimers();
    expect(handed).toEqual([[1]]);
  });

  it('holds the pages that come within the interval for the first page after it', () => {
    const { batch, handed } = collect({ paged: true });
    batch.add(1);
    batch.pageDone();
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(59);
    batch.add(2);
    batch.pageDone();
    vi.advanceTimersByTime(59);
    expect(handed).toEqual([[1]]);
    batch.add(3);
    batch.pageDone();
    vi.advanceTimersByTime(1);
    expect(handed).toEqual([[1], [2, 3]]);
  });

  it('hands held items over on a timer when the next page is slow to come', () => {
    const { batch, handed, live } = collect({ paged: true });
    batch.add(1);
    batch.pageDone();
    vi.advanceTimersByTime(10);
    batch.add(2);
    batch.pageDone();
    vi.advanceTimersByTime(199);
    expect(handed).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(handed).toEqual([[1], [2]]);
    expect(live.size).toBe(0);
  });

  it('hands nothing over once cancelled', () => {
    const { batch, handed, live } = collect({ paged: true });
    batch.add(1);
    batch.pageDone();
    expect(live.size).toBe(1);
    batch.cancel();
    vi.runAllTimers();
    expect(handed).toEqual([]);
    expect(live.size).toBe(0);
  });

  it('spaces batches further apart as the organization grows', () => {
    expect(batchInterval(2_000)).toBe(100);
    expect(batchInterval(100_000)).toBe(1_000);
  });
});
