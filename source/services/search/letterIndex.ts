import { FoundScores } from './searchTexts.js';
import { isWordStart } from './wordPlacement.js';

/**
 * One-letter words match most of a big list. Per field of each record this keeps which letters and digits
 * it holds, which of them start a word, its first one and its length, so scoring a letter is a few bit
 * tests per field rather than string searches (the first keystroke was the slowest of a query).
 */
export class LetterIndex {
  private readonly fieldCount: number;
  /** Two 32-bit words per slot (record × fieldCount + field): bit n is the letter numbered n by letterBit. */
  private readonly present: Int32Array;
  private readonly wordStarts: Int32Array;
  private readonly firsts: Int8Array;
  /** Up to 65,535: a longer text scores as that long. */
  private readonly lengths: Uint16Array;

  constructor(lower: readonly (readonly string[])[], original: readonly (readonly string[])[]) {
    this.fieldCount = lower.length;
    const slots = (lower[0]?.length ?? 0) * this.fieldCount;
    this.present = new Int32Array(slots * 2);
    this.wordStarts = new Int32Array(slots * 2);
    this.firsts = new Int8Array(slots).fill(-1);
    this.lengths = new Uint16Array(slots);
    for (let slot = 0; slot < slots; slot++) {
      const field = slot % this.fieldCount;
      const record = (slot - field) / this.fieldCount;
      const text = lower[field]![record]!;
      const originalText = original[field]![record]!;
      this.lengths[slot] = Math.min(text.length, 0xffff);
      for (let position = 0; position < text.length; position++) {
        const bit = letterBit(text.charCodeAt(position));
        if (bit < 0) continue;
        const word = slot * 2 + (bit >>> 5);
        this.present[word]! |= 1 << (bit & 31);
        if (position === 0) this.firsts[slot] = bit;
        else if (isWordStart(originalText, position)) this.wordStarts[word]! |= 1 << (bit & 31);
      }
    }
  }

  /** Whether field number `field` of a record holds every letter and digit of `mask` (see letterMask). */
  holdsAll(record: number, field: number, mask: LetterMask): boolean {
    const word = (record * this.fieldCount + field) * 2;
    return (this.present[word]! & mask[0]) === mask[0] && (this.present[word + 1]! & mask[1]) === mask[1];
  }

  /** Every record holding the letter numbered `bit`, scored as placementScore would score it. */
  scan(bit: number, found: FoundScores): void {
    const mask = 1 << (bit & 31);
    const half = bit >>> 5;
    const slots = this.lengths.length;
    for (let slot = 0, record = 0; slot < slots; slot += this.fieldCount, record++) {
      let best = Infinity;
      for (let field = 0; field < this.fieldCount; field++) {
        const here = slot + field;
        if ((this.present[here * 2 + half]! & mask) === 0) continue;
        const length = this.lengths[here]!;
        const placement =
          length === 1
            ? 0
            : this.firsts[here] === bit
              ? 0.04
              : (this.wordStarts[here * 2 + half]! & mask) !== 0
                ? 0.08
                : 0.16;
        best = Math.min(best, placement + 0.1 * (1 - 1 / length));
      }
      if (best !== Infinity) found.add(record, best);
    }
  }
}

/** The letters and digits of a text, as two 32-bit words of letterBit numbers. */
export type LetterMask = readonly [low: number, high: number];

export function letterMask(text: string): LetterMask {
  const mask = [0, 0];
  for (let position = 0; position < text.length; position++) {
    const bit = letterBit(text.charCodeAt(position));
    if (bit >= 0) mask[bit >>> 5]! |= 1 << (bit & 31);
  }
  return [mask[0]!, mask[1]!];
}

/** Letters a–z are 0–25 and digits 26–35; anything else has no number (-1). */
export function letterBit(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}
