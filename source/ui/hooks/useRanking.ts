import { useEffect, useState } from 'react';

/**
 * At most this many frames a second (Ink's `maxFps`). Ink draws the first update after a quiet spell at
 * once and holds later ones until the frame's time is up; at its default of 30 a typed letter could wait
 * 33 ms for its frame.
 */
export const MAX_FPS = 120;
const FRAME_MS = Math.ceil(1000 / MAX_FPS);

export interface Ranking<Result> {
  /** The query `result` answers, which lags the typed one while a newer ranking is pending. */
  readonly query: string;
  readonly result: Result;
}

/**
 * Ranks `query` with `rank` after the frame that shows the typed text, never inside a keystroke's render:
 * the letter is drawn first, then the rows, one frame later. A newer query (another key) or a new `rank`
 * (a batch of role lists) before then cancels the pending ranking, so a fast typist's stale queries are
 * never ranked at all. Until the ranking lands, the previous result stays on screen. A query `cheap` says
 * costs nothing to rank (the empty one: the list as it is) is ranked in the same render.
 */
export function useRanking<Result>(
  rank: (query: string) => Result,
  query: string,
  cheap: (query: string) => boolean,
): Ranking<Result> {
  const [ranked, setRanked] = useState(() => ({ rank, query, result: rank(query) }));
  const current = ranked.query === query && ranked.rank === rank;
  const now = !current && cheap(query);
  useEffect(() => {
    if (current || now) return;
    // One frame's wait: a key typed right after a frame is drawn on the throttle's trailing timer, which
    // this timer, set later and no sooner, must not run ahead of.
    const timer = setTimeout(() => setRanked({ rank, query, result: rank(query) }), FRAME_MS);
    return () => clearTimeout(timer);
  }, [current, now, rank, query]);
  if (now) {
    // React's way to adjust state to new props: this render is redone at once with the new state.
    const next = { rank, query, result: rank(query) };
    setRanked(next);
    return next;
  }
  return ranked;
}
