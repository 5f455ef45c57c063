/*
 * In place of `string-width` for every package in the bundle (Ink, cli-truncate, widest-line, wrap-ansi;
 * see build.mjs). string-width measures anything beyond printable ASCII grapheme by grapheme, and its first
 * such string compiles a `\p{RGI_Emoji}` pattern: ~40 ms of a start, spent on the first `›` or `·` drawn.
 * The characters below are one column wide alone and in any mix (no marks, joiners, emoji or wide forms),
 * so a string made only of them is measured by its length; anything else goes to string-width itself.
 * test/bundle/stringWidth.test.ts holds the ranges to string-width's answers, code point by code point.
 */
import measure from 'string-width';
import stripAnsi from 'strip-ansi';

type Options = Parameters<typeof measure>[1];

/** Inclusive ranges of UTF-16 code units, each one column wide with string-width's default options. */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // printable ASCII
  [0xa0, 0xac], // Latin-1 punctuation and signs (0xAD, the soft hyphen, is invisible)
  [0xae, 0x2ff], // Latin-1 letters, Latin Extended-A and -B, IPA, spacing modifier letters
  [0x2010, 0x2027], // dashes, quotes, bullets, the ellipsis
  [0x2030, 0x205e], // per mille, primes, angle quotes (›), other punctuation
  [0x2190, 0x21ff], // arrows
  [0x2500, 0x259f], // box drawing, block elements
  [0x2605, 0x2606], // ★ ☆
  [0x2800, 0x28ff], // braille (spinners)
];

const narrow = new RegExp(
  `^[${NARROW_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]*$`,
  'u',
);

/** Whether every character of `text` is one of NARROW_RANGES: one column, and a grapheme of its own. */
export function isNarrow(text: string): boolean {
  return narrow.test(text);
}

export default function stringWidth(input: string, options?: Options): number {
  if (options !== undefined || typeof input !== 'string') return measure(input, options);
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  return narrow.test(text) ? text.length : measure(text);
}
