/** `slice(start, end)` of a text became `text`. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A text with some of its runs replaced, kept as the text before and the replacements (in order, none
 * overlapping): a config file of 10,000 profiles is 1.7 MB and an edit changes a few hundred bytes of it,
 * which the file's own bytes and the new runs write (`bytesOf`) without the new text ever being one string.
 */
export class ChangedText {
  readonly length: number;
  private whole: string | undefined;

  constructor(
    readonly before: string,
    readonly replacements: readonly Replacement[],
  ) {
    let length = before.length;
    for (const { start, end, text } of replacements) length += text.length - (end - start);
    this.length = length;
  }

  /** The new text from `from` up to `to`, as `toString().slice(from, to)` gives it. */
  slice(from: number, to: number): string {
    const start = Math.max(0, Math.min(from, this.length));
    const end = Math.max(start, Math.min(to, this.length));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    const parts: string[] = [];
    // Where the piece `source.slice(sourceAt, sourceAt + length)` stands in the new text: at `at`.
    const take = (source: string, sourceAt: number, at: number, length: number): void => {
      const low = Math.max(start, at);
      const high = Math.min(end, at + length);
      if (low < high) parts.push(source.slice(sourceAt + low - at, sourceAt + high - at));
    };
    let beforeAt = 0;
    let at = 0;
    for (const replacement of this.replacements) {
      if (at >= end) break;
      take(this.before, beforeAt, at, replacement.start - beforeAt);
      at += replacement.start - beforeAt;
      take(replacement.text, 0, at, replacement.text.length);
      at += replacement.text.length;
      beforeAt = replacement.end;
    }
    take(this.before, beforeAt, at, this.before.length - beforeAt);
    return parts.join('');
  }

  /** Whether the new text is the text before: each replacement gives back what it replaces. */
  get unchanged(): boolean {
    return this.replacements.every(({ start, end, text }) => this.before.slice(start, end) === text);
  }

  /** The new text as one string, made once. */
  toString(): string {
    this.whole ??= this.slice(0, this.length);
    return this.whole;
  }
}

/**
 * The new text's UTF-8 bytes, in parts: the runs of `bytes` (the text before, encoded) no replacement
 * touches, and the replacements encoded. Only for a text before of one byte a character (ASCII: the
 * replacements' offsets are then the bytes'); undefined for another, or for bytes that are not the text.
 */
export function bytesOf(changed: ChangedText, bytes: Buffer): Buffer[] | undefined {
  if (bytes.length !== changed.before.length) return undefined;
  const parts: Buffer[] = [];
  let at = 0;
  for (const { start, end, text } of changed.replacements) {
    if (start > at) parts.push(bytes.subarray(at, start));
    if (text !== '') parts.push(Buffer.from(text, 'utf8'));
    at = end;
  }
  if (at < bytes.length) parts.push(bytes.subarray(at));
  return parts;
}
