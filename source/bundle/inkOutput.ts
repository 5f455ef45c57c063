import {
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
  type AnsiCode,
  type StyledChar,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { isNarrow } from './stringWidth.js';

/**
 * Ink's `Output` (ink/build/output.js, Ink 6.8), which turns the positioned texts of a frame into its
 * lines, rewritten to remember its work from one frame to the next. Ink builds every frame from scratch:
 * a cell object for each of the terminal's columns × rows, every text parsed back from ANSI into styled
 * characters, clipped through slice-ansi, then every line put back together. A keystroke changes the query
 * line and, a frame later, the rows: the echo frame is all lines seen in the frame before, and at 100,000
 * accounts those milliseconds were the largest part of the time from a key to its letter on screen.
 *
 * The result is the same string Ink's would be, line for line (a test holds the two to each other): each
 * line is the writes that land on it, in order; a line whose writes are those of a line in the previous
 * frame is that line's string again, and only the others are built. A line whose writes sit side by side,
 * each of characters one column wide and colours, is built run by run (a run: characters of one style);
 * any other is built cell by cell, as Ink does. Both give what Ink's styledCharsToString gives for the
 * line's cells: it writes, before each character, the codes that turn the style before it into its own,
 * which inside a run are none.
 */

interface Clip {
  readonly x1: number | undefined;
  readonly x2: number | undefined;
  readonly y1: number | undefined;
  readonly y2: number | undefined;
}

type Transformer = (line: string, index: number) => string;

type Operation =
  | {
      readonly type: 'write';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly transformers: readonly Transformer[];
    }
  | { readonly type: 'clip'; readonly clip: Clip }
  | { readonly type: 'unclip' };

/** A map that keeps what the last two frames used: enough for an unchanged line, never more than that. */
class FrameCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  /** The value kept for `key`, or `compute()`'s, kept for this frame and the next. */
  through(key: string, compute: () => V): V {
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.previous.get(key);
      if (value === undefined) value = compute();
      this.current.set(key, value);
    }
    return value;
  }

  frameDone(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

const styledChars = new FrameCache<StyledChar[]>();
const runsOfText = new FrameCache<readonly Run[] | null>();
const widths = new FrameCache<number>();
const slices = new FrameCache<string>();
const builtLines = new FrameCache<string>();

function styledCharsOf(line: string): StyledChar[] {
  return styledChars.through(line, () => styledCharsFromTokens(tokenize(line)));
}

function widthOf(text: string): number {
  return widths.through(text, () => stringWidth(text));
}

function widestLine(text: string): number {
  let width = 0;
  for (const line of text.split('\n')) width = Math.max(width, widthOf(line));
  return width;
}

function sliced(line: string, from: number, to: number): string {
  return slices.through(`${from}:${to}:${line}`, () => sliceAnsi(line, from, to));
}

/** Characters of one style: the reduced codes in force, as Ink's styled characters carry them. */
interface Run {
  readonly styles: AnsiCode[];
  readonly text: string;
}

/**
 * The colour or style code (SGR, ESC [ digits and semicolons m) at `at` in `text`, as Ink's Text writes
 * them around its characters; undefined for any other sequence.
 */
function sgrAt(text: string, at: number): string | undefined {
  if (text.charCodeAt(at + 1) !== 0x5b) return undefined;
  for (let end = at + 2; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (code === 0x6d) return text.slice(at, end + 1);
    if (code !== 0x3b && (code < 0x30 || code > 0x39)) return undefined;
  }
  return undefined;
}
const sgrTokens = new Map<string, ReturnType<typeof tokenize>>();

/**
 * The runs of `text`, or null when it holds anything but one-column characters (each its own grapheme,
 * in any mix) and colour codes. The codes are read by ansi-tokenize itself, one sequence at a time.
 */
function runsOf(text: string): readonly Run[] | null {
  return runsOfText.through(text, () => parseRuns(text));
}

function parseRuns(text: string): Run[] | null {
  if (text.includes('\u009B')) return null;
  const runs: Run[] = [];
  let styles: AnsiCode[] = [];
  for (let at = 0; at < text.length;) {
    const escape = text.indexOf('\u001B', at);
    const characters = text.slice(at, escape < 0 ? text.length : escape);
    if (characters) {
      if (!isNarrow(characters)) return null;
      runs.push({ styles, text: characters });
    }
    if (escape < 0) break;
    const sequence = sgrAt(text, escape);
    if (sequence === undefined) return null;
    let tokens = sgrTokens.get(sequence);
    if (tokens === undefined) {
      tokens = tokenize(sequence);
      if (tokens.some((token) => token.type !== 'ansi')) return null;
      sgrTokens.set(sequence, tokens);
    }
    styles = reduceAnsiCodesIncremental(styles, tokens as AnsiCode[]);
    at = escape + sequence.length;
  }
  return runs;
}

/** Cells between writes: spaces of no style. */
const NO_STYLES: AnsiCode[] = [];

/**
 * The line of `writes` built run by run, or undefined when they overlap, reach past `width`, or hold more
 * than one-column characters and colour codes: such a line is built cell by cell.
 */
function lineOfRuns(writes: readonly Placed[], width: number): string | undefined {
  const placed: { readonly x: number; readonly runs: readonly Run[] }[] = [];
  for (const write of writes) {
    const runs = runsOf(write.text);
    if (runs === null || write.x < 0) return undefined;
    placed.push({ x: write.x, runs });
  }
  placed.sort((a, b) => a.x - b.x);
  let out = '';
  let previous: AnsiCode[] | undefined;
  const emit = (styles: AnsiCode[], characters: string): void => {
    if (previous === undefined) out += ansiCodesToString(styles);
    else if (previous !== styles) out += ansiCodesToString(diffAnsiCodes(previous, styles));
    out += characters;
    previous = styles;
  };
  let column = 0;
  for (const { x, runs } of placed) {
    if (x < column) return undefined;
    if (x > column) emit(NO_STYLES, ' '.repeat(x - column));
    column = x;
    for (const run of runs) {
      emit(run.styles, run.text);
      column += run.text.length;
    }
  }
  if (column > width) return undefined;
  if (column < width) emit(NO_STYLES, ' '.repeat(width - column));
  if (previous !== undefined) out += ansiCodesToString(diffAnsiCodes(previous, NO_STYLES));
  return out.trimEnd();
}

/**
 * Whether a line wholly inside a clip may be drawn without slicing it: it holds one-column characters and
 * colour codes only and the write's transformers leave it as it is (a Text's own colours are codes in the
 * line; its transform of no style is none), so it is drawn from its characters' styles, which the slice
 * keeps. slice-ansi reads a line grapheme by grapheme, and every row of a list is such a line, new with
 * each ranking.
 */
function drawnWhole(line: string, index: number, transformers: readonly Transformer[]): boolean {
  return runsOf(line) !== null && transformers.every((transformer) => transformer(line, index) === line);
}

const BLANK: StyledChar = Object.freeze({
  type: 'char',
  value: ' ',
  fullWidth: false,
  styles: Object.freeze([]) as unknown as StyledChar['styles'],
}) as StyledChar;

/** One write that lands on a line: its column and its text, transformed and clipped. */
interface Placed {
  readonly x: number;
  readonly text: string;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const placed: Placed[][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      let slice: ((line: string, index: number) => string) | undefined;
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (clipHorizontally && (x + widestLine(text) < clip.x1! || x > clip.x2!)) continue;
        if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
        if (clipHorizontally) {
          const x1 = clip.x1!;
          const x2 = clip.x2!;
          const at = x;
          // As Ink clips each line: sliceAnsi from the clip's left to its right.
          slice = (line, index) => {
            const from = at < x1 ? x1 - at : 0;
            const width = widthOf(line);
            const to = at + width > x2 ? x2 - at : width;
            const whole = from === 0 && to === width;
            return whole && drawnWhole(line, index, transformers) ? line : sliced(line, from, to);
          };
          if (x < x1) x = x1;
        }
        if (clipVertically) {
          const y1 = clip.y1!;
          const y2 = clip.y2!;
          const from = y < y1 ? y1 - y : 0;
          const to = y + lines.length > y2 ? y2 - y : lines.length;
          lines = lines.slice(from, to);
          if (y < y1) y = y1;
        }
      }
      let offsetY = 0;
      for (const [index, original] of lines.entries()) {
        const target = placed[y + offsetY];
        if (!target) continue;
        let line = original;
        if (slice) line = slice(original, index);
        for (const transformer of transformers) line = transformer(line, index);
        target.push({ x, text: line });
        offsetY++;
      }
    }
    const output = placed.map((writes) => this.line(writes)).join('\n');
    styledChars.frameDone();
    runsOfText.frameDone();
    widths.frameDone();
    slices.frameDone();
    builtLines.frameDone();
    return { output, height: this.height };
  }

  /** The string of one line: the previous frame's when the same writes made it, else built anew. */
  private line(writes: readonly Placed[]): string {
    if (writes.length === 0) return '';
    const key = `${this.width}\u0001${writes.map((write) => `${write.x}\u0000${write.text}`).join('\u0001')}`;
    return builtLines.through(key, () => lineOfRuns(writes, this.width) ?? this.cellByCell(writes));
  }

  /** A line built as Ink builds every line: a styled cell per column, then the codes between cells. */
  private cellByCell(writes: readonly Placed[]): string {
    const cells: (StyledChar | undefined)[] = new Array<StyledChar>(this.width).fill(BLANK);
    for (const write of writes) {
      let offsetX = write.x;
      for (const character of styledCharsOf(write.text)) {
        cells[offsetX] = character;
        const characterWidth = Math.max(1, widthOf(character.value));
        for (let index = 1; index < characterWidth; index++) {
          cells[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        }
        offsetX += characterWidth;
      }
    }
    return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
  }
}
