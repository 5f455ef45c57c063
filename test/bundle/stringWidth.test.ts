import fc from 'fast-check';
import measure from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth, { NARROW_RANGES } from '../../source/bundle/stringWidth.js';

const narrowCharacter = fc.oneof(
  ...NARROW_RANGES.map(([from, to]) =>
    fc.integer({ min: from, max: to }).map((code) => String.fromCharCode(code)),
  ),
);
const anyCharacter = fc.oneof(
  narrowCharacter,
  fc.constantFrom(
    '界',
    '😀',
    '👩‍💻',
    'é',
    '\u0301',
    '\u200B',
    '\u00AD',
    '\uFE0F',
    '⌚',
    '1\u20E3',
    '\t',
    '\u0007',
  ),
);
const ansi = fc.constantFrom(
  '\u001B[1m',
  '\u001B[22m',
  '\u001B[36m',
  '\u001B[39m',
  '\u001B]8;;https://x\u0007',
);

describe('the bundle’s string-width', () => {
  it('gives every character of its narrow ranges one column, as string-width does', () => {
    for (const [from, to] of NARROW_RANGES) {
      for (let code = from; code <= to; code++) {
        const character = String.fromCharCode(code);
        expect([code, stringWidth(character)]).toEqual([code, measure(character)]);
        expect(stringWidth(character)).toBe(1);
      }
    }
  });

  it('measures any text, styled or not, as string-width does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyCharacter, ansi), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(stringWidth(text)).toBe(measure(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('passes options through', () => {
    expect(stringWidth('…·', { ambiguousIsNarrow: false })).toBe(measure('…·', { ambiguousIsNarrow: false }));
    expect(stringWidth('…·', { ambiguousIsNarrow: false })).toBe(4);
    const styled = '\u001B[1mab';
    expect(stringWidth(styled, { countAnsiEscapeCodes: true })).toBe(
      measure(styled, { countAnsiEscapeCodes: true }),
    );
    expect(stringWidth(styled)).toBe(2);
  });
});
