import { sortedPosition } from './sortedPosition.js';

/**
 * Which records contain which letter pairs, to find the few records a fuzzy word could match. One flat
 * array of record numbers, grouped by pair: 100,000 accounts hold about 4 million pairs.
 */
export class BigramIndex {
  /** postings[starts[pair] .. starts[pair + 1]) are the records holding that pair, ascending. */
  private readonly starts: Int32Array;
  private readonly postings: Int32Array;
  private readonly counts: Uint16Array;

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(BIGRAMS + 1);
    const lastRecord = new Int32Array(BIGRAMS).fill(-1);
    // Two passes: count each pair's records, then place them, so nothing grows while building.
    const eachPair = (visit: (code: number, record: number) => void): void => {
      lastRecord.fill(-1);
      for (let record = 0; record < texts.length; record++) {
        const text = texts[record]!;
        for (let position = 1; position < text.length; position++) {
          const code = bigramCode(text, position);
          if (lastRecord[code] === record) continue;
          lastRecord[code] = record;
          visit(code, record);
        }
      }
    };
    eachPair((code) => this.starts[code + 1]!++);
    for (let code = 0; code < BIGRAMS; code++) this.starts[code + 1]! += this.starts[code]!;
    this.postings = new Int32Array(this.starts[BIGRAMS]!);
    const filled = this.starts.slice(0, BIGRAMS);
    eachPair((code, record) => {
      this.postings[filled[code]!++] = record;
    });
    this.counts = new Uint16Array(texts.length);
  }

  /**
   * Records sharing at least `minShared` distinct pairs with `term`, most shared first, at most `cap`;
   * `exclude` is ascending.
   */
  candidates(term: string, minShared: number, options: { exclude: Int32Array; cap: number }): number[] {
    const touched: number[] = [];
    const seen = new Set<number>();
    for (let position = 1; position < term.length; position++) {
      const code = bigramCode(term, position);
      if (seen.has(code)) continue;
      seen.add(code);
      for (let posting = this.starts[code]!; posting < this.starts[code + 1]!; posting++) {
        const record = this.postings[posting]!;
        if (this.counts[record] === 0) touched.push(record);
        this.counts[record] = this.counts[record]! + 1;
      }
    }
    const chosen = touched.filter(
      (record) => this.counts[record]! >= minShared && sortedPosition(options.exclude, record) < 0,
    );
    if (chosen.length > options.cap) chosen.sort((a, b) => this.counts[b]! - this.counts[a]!);
    for (const record of touched) this.counts[record] = 0;
    return chosen.slice(0, options.cap);
  }
}

/** Letters and digits keep their identity; every other character is one "separator" symbol. */
const SYMBOLS = 37;
const BIGRAMS = SYMBOLS * SYMBOLS;

function bigramCode(text: string, position: number): number {
  return symbol(text.charCodeAt(position - 1)) * SYMBOLS + symbol(text.charCodeAt(position));
}

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return code - 21;
  return 0;
}
