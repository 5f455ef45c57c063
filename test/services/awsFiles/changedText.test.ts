import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, ChangedText, type Replacement } from '../../../source/services/awsFiles/changedText.js';

/** The replacements applied one by one, from the last: what `ChangedText` must stand for. */
function applied(before: string, replacements: readonly Replacement[]): string {
  let text = before;
  for (const { start, end, text: replacement } of [...replacements].reverse()) {
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return text;
}

const ascii = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '[', '=', ' ', '\r'), maxLength: 40 });
const anyText = fc.string({ unit: fc.constantFrom('a', '\n', 'é', '😀', '\uFEFF'), maxLength: 40 });

/** A text and replacements of it, in order and apart, some of them empty or giving back what they replace. */
function changedTexts(text: fc.Arbitrary<string>): fc.Arbitrary<ChangedText> {
  return text.chain((before) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: before.length }), { maxLength: 8 })
      .chain((cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const pairs: Array<[number, number]> = [];
        for (let index = 0; index + 1 < sorted.length; index += 2) {
          pairs.push([sorted[index] as number, sorted[index + 1] as number]);
        }
        return fc.tuple(
          ...pairs.map(([start, end]) =>
            fc
              .oneof(text, fc.constant(before.slice(start, end)))
              .map((replacement): Replacement => ({ start, end, text: replacement })),
          ),
        );
      })
      .map((replacements) => new ChangedText(before, replacements)),
  );
}

describe('ChangedText', () => {
  it('stands for the text with its replacements applied, whole and in slices', () => {
    fc.assert(
      fc.property(
        changedTexts(anyText),
        fc.integer({ min: -2, max: 90 }),
        fc.integer({ min: -2, max: 90 }),
        (changed, from, to) => {
          const expected = applied(changed.before, changed.replacements);
          expect(changed.length).toBe(expected.length);
          expect(changed.slice(from, to)).toBe(expected.slice(Math.max(0, from), Math.max(0, to)));
          expect(changed.unchanged).toBe(
            changed.replacements.every(({ start, end, text }) => changed.before.slice(start, end) === text),
          );
          expect(changed.toString()).toBe(expected);
          expect(changed.slice(from, to)).toBe(expected.slice(Math.max(0, from), Math.max(0, to)));
        },
      ),
      { numRuns: 2000, seed: 31 },
    );
  });

  it('is unchanged when every replacement gives back what it replaces, and only then', () => {
    const before = 'a = 1\nb = 2\n';
    expect(new ChangedText(before, [{ start: 6, end: 12, text: 'b = 2\n' }]).unchanged).toBe(true);
    expect(new ChangedText(before, [{ start: 6, end: 12, text: 'b = 3\n' }]).unchanged).toBe(false);
    expect(new ChangedText(before, []).unchanged).toBe(true);
  });
});

describe('bytesOf', () => {
  it("writes an ASCII text's change as the UTF-8 of the new text, from the old bytes and the new runs", () => {
    fc.assert(
      fc.property(
        changedTexts(ascii).chain((changed) =>
          fc.tuple(
            fc.constant(changed),
            fc.array(fc.constantFrom('x', 'é', '😀', '\n'), { maxLength: 3 }).map((units) => units.join('')),
          ),
        ),
        ([changed, extra]) => {
          // A replacement may bring characters of several bytes into an ASCII file.
          const replacements = changed.replacements.map((replacement, index) =>
            index === 0 ? { ...replacement, text: replacement.text + extra } : replacement,
          );
          const withExtra = new ChangedText(changed.before, replacements);
          const parts = bytesOf(withExtra, Buffer.from(withExtra.before, 'utf8'));
          expect(parts).toBeDefined();
          expect(Buffer.concat(parts ?? []).equals(Buffer.from(withExtra.toString(), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 32 },
    );
  });

  it('declines a text whose characters are not one byte each, whose offsets are not the bytes', () => {
    fc.assert(
      fc.property(changedTexts(anyText), (changed) => {
        const bytes = Buffer.from(changed.before, 'utf8');
        const parts = bytesOf(changed, bytes);
        if (bytes.length === changed.before.length) {
          expect(Buffer.concat(parts ?? []).equals(Buffer.from(changed.toString(), 'utf8'))).toBe(true);
        } else expect(parts).toBeUndefined();
      }),
      { numRuns: 1000, seed: 33 },
    );
  });
});
