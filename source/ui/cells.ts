import stringWidth from 'string-width';
import type { MatchRange } from '../services/search/termMatcher.js';
import { shownRanges, terminalText } from '../services/terminalText.js';
import { isNarrow } from '../bundle/stringWidth.js';
import { symbols } from './symbols.js';

/** Characters of one look in a cell: those a search matched are highlighted, `dim` ones drawn faint. */
export interface Piece {
  readonly text: string;
  readonly matched: boolean;
  readonly dim?: boolean;
}

/**
 * `untrusted` as the screen shows it (through terminalText), cut into runs of matched and unmatched
 * characters; the ranges, found in the searchable text, are moved to match.
 */
export function highlightPieces(untrusted: string, found: readonly MatchRange[] = []): Piece[] {
  const text = terminalText(untrusted);
  const ranges = shownRanges(untrusted, found);
  if (ranges.length === 0) return text ? [{ text, matched: false }] : [];
  const matched = new Array<boolean>(text.length).fill(false);
  for (const [start, end] of ranges)
    for (let index = start; index <= end && index < text.length; index++) matched[index] = true;
  const pieces: { text: string; matched: boolean }[] = [];
  for (let index = 0; index < text.length; index++) {
    const last = pieces.at(-1);
    if (last && last.matched === matched[index]) last.text += text[index];
    else pieces.push({ text: text[index]!, matched: matched[index]! });
  }
  return pieces;
}

/** A cell's pieces cut to fit, and the columns left blank after them. */
export interface Fitted {
  readonly pieces: readonly Piece[];
  readonly blank: number;
}

/**
 * Made on the first cut of a text with wide or combining characters (~20 ms to make): not on the way to
 * the first frame, where e-mail addresses are cut at most widths.
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * `pieces` in `columns` terminal columns: whole when they fit; else cut, as Ink cuts a text that does not
 * fit (`wrap="truncate-end"`), to the columns the mark `…` (ASCII `...`) leaves, and the mark after them.
 * A row drawn from such cells is one text instead of a box per column: the screen lays out and draws every
 * node of the tree for every frame, and a row of boxes was most of a frame's work.
 */
export function fitPieces(pieces: readonly Piece[], columns: number): Fitted {
  const room = Math.max(0, columns);
  // Measured whole: a match may end inside a character that takes two code units, and the screen joins
  // the pieces again before the terminal sees them.
  const text = pieces.map((piece) => piece.text).join('');
  const width = stringWidth(text);
  if (width <= room) return { pieces, blank: room - width };
  let mark = symbols('…');
  // A cell too narrow for the whole mark shows what of it fits, as cli-truncate does with one column.
  if (stringWidth(mark) > room) mark = '.'.repeat(room);
  let left = room - stringWidth(mark);
  let kept = 0;
  if (isNarrow(text)) {
    // Each character one column and a grapheme of its own (most names and every e-mail address): the
    // cut falls where the columns run out.
    kept = left;
    left = 0;
  } else {
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const { segment } of graphemes.segment(text)) {
      const segmentWidth = stringWidth(segment);
      if (segmentWidth > left) break;
      kept += segment.length;
      left -= segmentWidth;
    }
  }
  const cut: Piece[] = [];
  let start = 0;
  for (const piece of pieces) {
    if (start >= kept) break;
    cut.push(
      start + piece.text.length <= kept ? piece : { ...piece, text: piece.text.slice(0, kept - start) },
    );
    start += piece.text.length;
  }
  // The mark takes the look of what it follows, as Ink's cut leaves the last style open over it.
  if (mark) cut.push({ ...(cut.at(-1) ?? { matched: false }), text: mark });
  return { pieces: cut, blank: left };
}
