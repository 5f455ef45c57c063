import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABBREVIATION_SPREAD,
  abbreviationRanges,
  bestAbbreviation,
} from '../../../source/services/search/abbreviation.js';
import { TermMatcher } from '../../../source/services/search/termMatcher.js';
import { isWordStart } from '../../../source/services/search/wordPlacement.js';

/**
 * The rule, written plainly: every way to take the word's characters in order, the first at a word start,
 * each later one at a word start or in the same word as the one before.
 */
function abbreviates(text: string, term: string, from = 0, at = 0, previous = -1): boolean {
  if (at === term.length) return true;
  for (let position = from; position < text.length; position++) {
    if (text[position]!.toLowerCase() !== term[at]) continue;
    const starts = isWordStart(text, position);
    const sameWord =
      previous >= 0 &&
      [...Array(position - previous).keys()].every((step) => !isWordStart(text, previous + 1 + step));
    if ((starts || sameWord) && abbreviates(text, term, position + 1, at + 1, position)) return true;
  }
  return false;
}

const score = (text: string, term: string) => bestAbbreviation(text.toLowerCase(), text, term, 0).score;

describe('abbreviations', () => {
  it('takes pieces that go on within a word or start one', () => {
    expect(abbreviationRanges('payments-prod', 'payments-prod', 'prd')).toEqual([
      [9, 10],
      [12, 12],
    ]);
    expect(abbreviationRanges('securityaudit', 'SecurityAudit', 'secaud')).toEqual([
      [0, 2],
      [8, 10],
    ]);
    // "s" ends a word, so it does not start an abbreviation.
    expect(abbreviationRanges('aws+billing@example.com', 'aws+billing@example.com', 'sec')).toBeUndefined();
    expect(abbreviationRanges('payments-prod', 'payments-prod', 'pdx')).toBeUndefined();
  });

  it('finds exactly the names the rule allows, and the characters it takes spell the word', () => {
    const characters = fc.constantFrom(...'abcAB-');
    fc.assert(
      fc.property(
        fc.string({ unit: characters, maxLength: 14 }),
        fc.string({ unit: fc.constantFrom(...'abc'), minLength: 1, maxLength: 4 }),
        (text, term) => {
          const lower = text.toLowerCase();
          const ranges = abbreviationRanges(lower, text, term);
          expect(ranges !== undefined).toBe(abbreviates(text, term));
          if (ranges) expect(ranges.map(([from, to]) => lower.slice(from, to + 1)).join('')).toBe(term);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scores tight abbreviations and ones made of word starts best, all within their band', () => {
    expect(score('payments-prod', 'prd')).toBeLessThan(score('pricing-dashboard', 'prd'));
    expect(score('SecurityAudit', 'secaud')).toBeLessThan(score('Secondaryaudit', 'secaud'));
    expect(score('payments-prod', 'pdx')).toBe(-1);
    for (const [text, term] of [
      ['pricing-dashboard', 'prd'],
      ['axbxcxdxexfxgxhx', 'abcdefgh'],
    ] as const) {
      expect(score(text, term)).toBeGreaterThan(0);
      expect(score(text, term)).toBeLessThan(ABBREVIATION_SPREAD);
    }
  });

  it('ranks a word found as it is above an abbreviation of it, and an abbreviation above a typo', () => {
    const records = [{ name: 'ReadOnlyAccess' }, { name: 'AdministratorAccess' }, { name: 'admn-tools' }];
    const matcher = new TermMatcher(records, { exactFields: [], fuzzyFields: ['name'] });
    const match = matcher.match('admn');
    const scoreOf = (index: number) => match.scores[match.positionOf(index)]!;
    expect(match.positionOf(1)).toBeGreaterThanOrEqual(0);
    expect(scoreOf(2)).toBeLessThan(scoreOf(1));
    expect(match.positionOf(0)).toBeGreaterThanOrEqual(0);
    expect(scoreOf(1)).toBeLessThan(scoreOf(0));
    expect(match.ranges(1)).toEqual({
      name: [
        [0, 2],
        [4, 4],
      ],
    });
  });
});
