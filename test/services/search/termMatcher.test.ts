import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../../source/services/search/termMatcher.js';

interface Item {
  readonly name: string;
  readonly id: string;
}

/** The scoring rule, written plainly: placement (whole, start, word start, inside) plus coverage, best field. */
function referenceScore(item: Item, term: string): number | undefined {
  const scores = [item.name, item.id].flatMap((text) => {
    const lower = text.toLowerCase();
    const occurrences: number[] = [];
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) occurrences.push(at);
    if (occurrences.length === 0) return [];
    const startsWord = (at: number): boolean =>
      at === 0 ||
      !/[a-z0-9]/i.test(text[at - 1]!) ||
      (/[a-z]/.test(text[at - 1]!) && /[A-Z]/.test(text[at]!));
    const placement =
      lower.length === term.length
        ? 0
        : occurrences[0] === 0
          ? 0.04
          : occurrences.some(startsWord)
            ? 0.08
            : 0.16;
    return [placement + 0.1 * (1 - term.length / lower.length)];
  });
  return scores.length > 0 ? Math.min(...scores) : undefined;
}

const text = fc.string({ unit: fc.constantFrom(...'abAB1-_.x Y'), maxLength: 12 });
const items = fc.array(fc.record({ name: text, id: text }), { minLength: 1, maxLength: 40 });
const term = fc.string({ unit: fc.constantFrom(...'ab1-xy'), minLength: 1, maxLength: 3 });

function scoresOf(
  matcher: TermMatcher<Item, 'name' | 'id'>,
  word: string,
  within?: Parameters<typeof matcher.match>[1],
) {
  const match = matcher.match(word, within);
  return new Map([...match.indexes].map((index, position) => [index, match.scores[position]!]));
}

describe('TermMatcher', () => {
  // No fuzzy fields here: typos are Fuse's business; this pins the substring scan and its fast paths.
  it('finds and scores substrings by the placement rule, one letter or more, with or without a prefix', () => {
    fc.assert(
      fc.property(items, term, (records, word) => {
        const matcher = new TermMatcher<Item, 'name' | 'id'>(records, {
          exactFields: ['name', 'id'],
          fuzzyFields: [],
        });
        const expected = new Map(
          records.flatMap((item, index) => {
            const score = referenceScore(item, word);
            return score === undefined ? [] : [[index, score] as const];
          }),
        );
        const found = scoresOf(matcher, word);
        expect([...found.keys()]).toEqual([...expected.keys()]);
        for (const [index, score] of expected) expect(found.get(index)).toBeCloseTo(score, 6);
        // Narrowed by the match of a prefix of the word, as a query typed letter by letter is.
        const narrowed = scoresOf(matcher, word, matcher.match(word.slice(0, 1)));
        expect(narrowed).toEqual(found);
      }),
    );
  });

  it('reports where a word sits, preferring an occurrence that starts a word', () => {
    const matcher = new TermMatcher<Item, 'name' | 'id'>([{ name: 'preprod-prod', id: '123' }], {
      exactFields: ['name', 'id'],
      fuzzyFields: [],
    });
    const match = matcher.match('prod');
    expect(match.ranges(0)).toEqual({ name: [[8, 11]] });
    expect(matcher.match('2').ranges(0)).toEqual({ id: [[1, 1]] });
  });
});
