import { sortedPosition } from './sortedPosition.js';

/**
 * Which records contain which letter pairs, to find the few records a fuzzy word could match. One flat
 * byte array of record numbers, grouped by pair, each the distance from the one before it in 7-bit groups
 * (LEB128): 100,000 accounts hold about 3 million pairs, 13 MB as 32-bit numbers and about a third of that
 * this way, since the records holding a common pair are close together.
 */
export class BigramIndex {
  /** postings[starts[pair] .. starts[pair + 1]) are the records holding that pair, ascending. */
  private readonly starts: Int32Array;
  private readonly postings: Uint8Array;
  private readonly counts: Uint16Array;

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(BIGRAMS + 1);
    const lastRecord = new Int32Array(BIGRAMS);
    // Two passes: count each pair's bytes, then place them, so nothing grows while building.
    const eachPair = (visit: (code: number, distance: number) => void): void => {
      lastRecord.fill(-1);
      for (let record = 0; record < texts.length; record++) {
        const text = texts[record]!;
        for (let position = 1; position < text.length; position++) {
          const code = bigramCode(text, position);
          if (lastRecord[code] === record) continue;
          visit(code, record - lastRecord[code]!);
          lastRecord[code] = record;
        }
      }
    };
    eachPair((code, distance) => (this.starts[code + 1]! += byteLength(distance)));
    for (let code = 0; code < BIGRAMS; code++) this.starts[code + 1]! += this.starts[code]!;
    this.postings = new Uint8Array(this.starts[BIGRAMS]!);
    const filled = this.starts.slice(0, BIGRAMS);
    eachPair((code, distance) => {
      let at = filled[code]!;
      for (; distance >= 0x80; distance >>>= 7) this.postings[at++] = (distance & 0x7f) | 0x80;
      this.postings[at++] = distance;
      filled[code] = at;
    });
    this.counts = new Uint16Array(texts.length);
  }

  /** The records holding the pair numbered `code`, ascending. */
  private recordsWith(code: number, visit: (record: number) => void): void {
    const end = this.starts[code + 1]!;
    for (let at = this.starts[code]!, record = -1; at < end;) {
      let distance = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = this.postings[at++]!;
        distance |= (byte & 0x7f) << shift;
        if (byte < 0x80) break;
      }
      record += distance;
      visit(record);
    }
  }

  /**
   * Records sharing at least `minShared` distinct pairs with `term`, at most `cap` (those sharing most);
   * `exclude` is ascending.
   */
  candidates(term: string, minShared: number, options: { exclude: Int32Array; cap: number }): number[] {
    const touched: number[] = [];
    const seen = new Set<number>();
    for (let position = 1; position < term.length; position++) {
      const code = bigramCode(term, position);
      if (seen.has(code)) continue;
      seen.add(code);
      this.recordsWith(code, (record) => {
        if (this.counts[record] === 0) touched.push(record);
        this.counts[record] = this.counts[record]! + 1;
      });
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

/** Bytes of `distance` in 7-bit groups. */
function byteLength(distance: number): number {
  let bytes = 1;
  for (; distance >= 0x80; distance >>>= 7) bytes++;
  return bytes;
}

function bigramCode(text: string, position: number): number {
  return symbol(text.charCodeAt(position - 1)) * SYMBOLS + symbol(text.charCodeAt(position));
}

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return code - 21;
  return 0;
}
