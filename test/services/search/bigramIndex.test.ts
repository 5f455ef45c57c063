import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigramIndex } from '../../../source/services/search/bigramIndex.js';

/** The letter pairs of a text as the index counts them: letters and digits, anything else one symbol. */
function pairsOf(text: string): Set<string> {
  const symbol = (character: string): string => (/[a-z0-9]/.test(character) ? character : ' ');
  const pairs = new Set<string>();
  for (let position = 1; position < text.length; position++) {
    pairs.add(symbol(text[position - 1]!) + symbol(text[position]!));
  }
  return pairs;
}

/** Every record with how many distinct pairs of `term` it holds, read from the texts themselves. */
function sharedCounts(texts: readonly string[], term: string): Map<number, number> {
  const wanted = pairsOf(term);
  const counts = new Map<number, number>();
  texts.forEach((text, record) => {
    let shared = 0;
    for (const pair of pairsOf(text)) if (wanted.has(pair)) shared++;
    if (shared > 0) counts.set(record, shared);
  });
  return counts;
}

const text = fc.string({ unit: fc.constantFrom(...'abcxyz019-. _A'), maxLength: 12 });

describe('BigramIndex', () => {
  it('finds exactly the records sharing enough pairs with a word, those sharing most when over the cap', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 60 }),
        text,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 70 }),
        (texts, term, minShared, cap) => {
          const counts = sharedCounts(texts, term);
          const expected = [...counts].filter(([, shared]) => shared >= minShared);
          const exclude = Int32Array.from(
            expected.filter((_, position) => position % 3 === 0).map(([record]) => record),
          );
          const kept = expected.filter(([record]) => !exclude.includes(record));
          const found = new BigramIndex(texts).candidates(term, minShared, { exclude, cap });
          expect(found.length).toBe(Math.min(cap, kept.length));
          expect(new Set(found).size).toBe(found.length);
          for (const record of found) expect(kept.map(([at]) => at)).toContain(record);
          // A record left out by the cap shares no more pairs than any kept.
          const last = Math.min(...found.map((record) => counts.get(record)!));
          for (const [record, shared] of kept)
            if (!found.includes(record)) expect(shared).toBeLessThanOrEqual(last);
        },
      ),
    );
  });

  it('keeps records far apart: a pair held once in 300,000 records, and by neighbours after a long gap', () => {
    const texts = Array.from({ length: 300_000 }, () => 'aa');
    // Gaps of 1, 127, 128, 16,383, 16,384 and 266,976 records between the records holding "qz" (one to
    // three bytes each).
    const holders = [0, 1, 128, 256, 16_639, 33_023, 299_999];
    for (const record of holders) texts[record] = 'qz';
    const index = new BigramIndex(texts);
    expect(index.candidates('qz', 1, { exclude: new Int32Array(), cap: 1000 }).sort((a, b) => a - b)).toEqual(
      holders,
    );
    expect(index.candidates('aa', 1, { exclude: new Int32Array(), cap: 400_000 })).toHaveLength(
      300_000 - holders.length,
    );
  });
});
