/** Pages and role lists arrive by the hundred; one redraw per this many milliseconds is plenty. */
const BATCH_MS = 100;
/**
 * Each batch of accounts or role lists rebuilds the search over every account (~50 ms at 100,000), so a
 * big organization gets fewer, bigger batches: one per this many accounts per millisecond, one a second at
 * 100,000, and typing never queues behind a rebuild for long.
 */
const BATCH_ACCOUNTS_PER_MS = 100;

export function batchInterval(accounts: number): number {
  return Math.max(BATCH_MS, accounts / BATCH_ACCOUNTS_PER_MS);
}

export interface Batch<T> {
  add(item: T): void;
  /** A page is in and its source has asked for the next: hands the items over now if they are due. */
  pageDone(): void;
  flush(): void;
  cancel(): void;
}

/**
 * Collects items and hands them over at most every `interval(delivered)` milliseconds (`delivered`: how
 * many it handed over so far), so 10,000 role lists are not 10,000 renders.
 *
 * Items that come in pages (the account list) are handed over right after a page once they are due: the
 * page's source has by then sent its request for the next one, so the redraw runs while that request is
 * out. A redraw at any other moment can hold up the answer to it, and a listing is a chain of requests:
 * that cost ~10 ms a page. A timer still hands them over if the next page is slow to come.
 */
export function createBatch<T>(
  /** The batches under way, so the screen's end can cancel them. */
  live: Set<Batch<unknown>>,
  deliver: (items: T[]) => void,
  interval: (delivered: number) => number = () => BATCH_MS,
  { paged = false }: { readonly paged?: boolean } = {},
): Batch<T> {
  let delivered = 0;
  let items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let handedAt = Number.NEGATIVE_INFINITY;
  const batch: Batch<T> = {
    add(item) {
      items.push(item);
      live.add(batch as Batch<unknown>);
      timer ??= setTimeout(batch.flush, (paged ? 2 : 1) * interval(delivered));
    },
    pageDone() {
      if (items.length === 0 || immediate) return;
      if (performance.now() - handedAt >= interval(delivered)) immediate = setImmediate(batch.flush);
    },
    flush() {
      batch.cancel();
      if (items.length === 0) return;
      const handed = items;
      items = [];
      delivered += handed.length;
      handedAt = performance.now();
      deliver(handed);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = undefined;
      immediate = undefined;
      live.delete(batch as Batch<unknown>);
    },
  };
  return batch;
}
