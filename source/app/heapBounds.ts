import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection found alive before the next
 * one. V8's own factor goes up to 4×: with ~70 MB alive at 100,000 accounts, the refresh's and the typing's
 * garbage piled up to 350–450 MB resident before a collection. At 100,000 accounts after the typing
 * bench's script (Node 20 / Node 24): 25% measured 209 / 247 MB, 10% 197 / 239 MB.
 */
const HEAP_GROWING_PERCENT = 10;
/**
 * The young generation (both semi-spaces). Node 20 lets it grow to 32 MB, Node 24's V8 up to 128 MB (sized
 * from the machine's memory): that much resident for objects that mostly die young. 16 MB measured ~20 MB
 * less resident than 32 MB on both; 8 MB another 3–5 MB less at the peak on Node 24 (100,000 accounts, two
 * runs each, alternated), with no slower typing seen in those runs.
 */
const YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;
/** V8's default: the young generation doubles when most of it survives collections. */
const GROWTH_FACTOR = 2;

/**
 * Keeps the full screen's heap near what it holds, whatever Node runs it and however it is started. V8
 * takes its flags on the command line, which only a launcher could pass (`env -S` in a shebang is not
 * everywhere, a second process costs a start), and at run time only those it reads as it runs: the
 * growing factor above, and the young generation's growth factor, read each time it grows. The
 * young generation's cap (`--max-semi-space-size`) is read only at start, so it is kept by letting it
 * grow (doubling) only while it is under YOUNG_GENERATION_BYTES, checked as each collection is reported.
 * The report comes after the event loop turns, so a burst of allocation within one turn can double it once
 * more: a synthetic burst reached 32 MB (Node 20's own cap; Node 24 unbounded: 128 MB).
 */
export function boundHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let growing = true;
  const observer = new PerformanceObserver(() => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    const grow = (young?.space_size ?? 0) < YOUNG_GENERATION_BYTES;
    if (grow === growing) return;
    growing = grow;
    setFlagsFromString(`--semi-space-growth-factor=${grow ? GROWTH_FACTOR : 1}`);
  });
  observer.observe({ entryTypes: ['gc'] });
}
