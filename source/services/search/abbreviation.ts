import type { MatchRange } from './termMatcher.js';
import { isWordStart } from './wordPlacement.js';

/**
 * Abbreviations: a word's characters in order within one name, as people type them into a fuzzy finder
 * ("prd" for prod, "admn" for Administrator, "secaud" for SecurityAudit). The first character starts a
 * word of the name, and each next one either goes on within the word of the one before or starts a word,
 * so "sec" does not find "aws+billing@example.com" through letters of three words. Scores lie from `base`
 * to just under `base + ABBREVIATION_SPREAD`, below typos and above substrings (see termMatcher).
 */
export const ABBREVIATION_SPREAD = 0.15;

/**
 * Scratch for `place`, reused: it runs for thousands of names a keystroke. `failed[at × length + previous]`
 * equals `stamp` when the rest of the word from character `at` cannot follow position `previous`.
 */
let failed = new Int32Array(1024);
let stamp = 0;
let positions = new Int32Array(64);

/**
 * Places `term` in `lower` from `start`, into `positions`: the earliest way the rule allows, found depth
 * first. Within one word the earliest next character is as good as any later one (everything reachable
 * from the later is reachable from it); a word start opens its word, so each one is tried in turn.
 */
function place(lower: string, original: string, term: string, start: number): boolean {
  const size = term.length * lower.length;
  if (failed.length < size) failed = new Int32Array(size * 2);
  if (positions.length < term.length) positions = new Int32Array(term.length * 2);
  stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
  if (stamp === 1) failed.fill(0);
  positions[0] = start;
  const follow = (at: number, previous: number): boolean => {
    if (at === term.length) return true;
    const key = at * lower.length + previous;
    if (failed[key] === stamp) return false;
    const code = term.charCodeAt(at);
    let inWord = true;
    for (let position = previous + 1; position < lower.length; position++) {
      const startsWord = isWordStart(original, position);
      if (startsWord) inWord = false;
      if (lower.charCodeAt(position) !== code || !(startsWord || inWord)) continue;
      positions[at] = position;
      if (follow(at + 1, position)) return true;
      // Later characters of this same word are no better; go on to the next word start.
      inWord = false;
    }
    failed[key] = stamp;
    return false;
  };
  return follow(1, start);
}

/**
 * The best abbreviation of `term` in `lower` (`original` its text as written, for word starts): its score
 * from `base`, and the word start it begins at; score -1 when there is none. Better: fewer characters
 * skipped inside the stretch it covers, pieces that start words ("SecurityAudit" for "secaud"), a short
 * name.
 */
export function bestAbbreviation(
  lower: string,
  original: string,
  term: string,
  base: number,
): { score: number; start: number } {
  let best = -1;
  let bestStart = -1;
  for (let start = lower.indexOf(term[0]!); start >= 0; start = lower.indexOf(term[0]!, start + 1)) {
    if (!isWordStart(original, start) || !place(lower, original, term, start)) continue;
    let pieces = 0;
    let inside = 0;
    for (let at = 0; at < term.length; at++) {
      const position = positions[at]!;
      if (at > 0 && position === positions[at - 1]! + 1) continue;
      pieces++;
      if (!isWordStart(original, position)) inside++;
    }
    const span = positions[term.length - 1]! - start + 1;
    const score =
      base +
      0.09 * ((span - term.length) / span) +
      0.04 * (inside / pieces) +
      0.02 * (1 - term.length / lower.length);
    if (best < 0 || score < best) {
      best = score;
      bestStart = start;
    }
  }
  return { score: best, start: bestStart };
}

/** The characters the best abbreviation of `term` takes, as runs; undefined when there is none. */
export function abbreviationRanges(lower: string, original: string, term: string): MatchRange[] | undefined {
  const { start } = bestAbbreviation(lower, original, term, 0);
  if (start < 0 || !place(lower, original, term, start)) return undefined;
  const ranges: [number, number][] = [];
  for (let at = 0; at < term.length; at++) {
    const position = positions[at]!;
    const last = ranges.at(-1);
    if (last && last[1] === position - 1) last[1] = position;
    else ranges.push([position, position]);
  }
  return ranges;
}
