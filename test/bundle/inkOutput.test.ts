import fc from 'fast-check';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import Output from '../../source/bundle/inkOutput.js';
// Ink's own Output, which the bundle replaces: the two must give the same frames.
import InkOutput from '../../node_modules/ink/build/output.js';

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'b', 'payments-prod', ' ', '›', '★', '界', '😀', 'é', '\n', '-'),
      fc.constantFrom('\u001B[1m', '\u001B[22m', '\u001B[36m', '\u001B[39m', '\u001B[7m', '\u001B[27m'),
      // Now and then what slice-ansi reads its own way: a link, a cut sequence, a tab, a combining mark.
      fc.constantFrom('\u001B]8;;https://x\u0007', '\u001B[', '\t', 'e\u0301', '\u009B1m'),
    ),
    { minLength: 0, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const upper = (line: string): string => line.toUpperCase();
const dim = (line: string, index: number): string => (index % 2 ? `\u001B[2m${line}\u001B[22m` : line);

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: number[] }
  | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | { type: 'unclip' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('write' as const),
      x: fc.integer({ min: -3, max: 24 }),
      y: fc.integer({ min: -2, max: 8 }),
      text,
      transformers: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('clip' as const),
      clip: fc.record(
        {
          x1: fc.integer({ min: 0, max: 10 }),
          x2: fc.integer({ min: 5, max: 22 }),
          y1: fc.integer({ min: 0, max: 3 }),
          y2: fc.integer({ min: 2, max: 7 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);

interface Drawable {
  write(
    x: number,
    y: number,
    text: string,
    options: { transformers: ((line: string, index: number) => string)[] },
  ): void;
  clip(clip: unknown): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function draw(output: Drawable, operations: readonly Operation[]): string {
  for (const step of operations) {
    if (step.type === 'write') {
      output.write(step.x, step.y, step.text, {
        transformers: step.transformers.map((which) => (which ? dim : upper)),
      });
    } else if (step.type === 'clip') {
      output.clip(step.clip);
    } else {
      output.unclip();
    }
  }
  return output.get().output;
}

describe("the bundle's Ink Output", () => {
  it('draws every frame as Ink does, including frames that repeat lines of the frame before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(operation, { maxLength: 14 }),
        fc.array(operation, { maxLength: 3 }),
        (width, height, first, changes) => {
          // A frame, the same frame with a few more writes (a letter typed), then the first again.
          for (const frame of [first, [...first, ...changes], first]) {
            const ours = draw(new Output({ width, height }), frame);
            const inks = draw(new InkOutput({ width, height }) as Drawable, frame);
            expect(ours).toBe(inks);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('draws rows of texts side by side, in colours, as Ink does', () => {
    // What a list row writes: texts of one-column characters in Ink's colour and style codes, each at its
    // own column (the fast way), now and then a wide or combining character, or texts that overlap.
    const styled = fc
      .array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constantFrom('payments', '-prod ', 'a', '1234', '›', '★', '·', '…', 'é'),
          },
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              '\u001B[1m',
              '\u001B[22m',
              '\u001B[2m',
              '\u001B[33m',
              '\u001B[36m',
              '\u001B[39m',
              '\u001B[7m',
              '\u001B[27m',
              '\u001B[4m',
              '\u001B[24m',
              '\u001B[0m',
              '\u001B[1;33m',
              '\u001B[38;2;10;20;30m',
              '\u001B[38;5;208m',
              '\u001B[m',
            ),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom('界', 'e\u0301', '\u001B]8;;https://x\u0007', '\u001B[', '\t'),
          },
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    const row = fc.array(fc.record({ gap: fc.integer({ min: -1, max: 4 }), text: styled }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 60 }),
        fc.array(row, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (width, rows, reversed) => {
          const operations: Operation[] = [];
          rows.forEach((writes, y) => {
            let x = 0;
            const placed = writes.map(({ gap, text: written }) => {
              x = Math.max(0, x + gap);
              const write: Operation = { type: 'write', x, y, text: written, transformers: [] };
              x += stripAnsi(written).length;
              return write;
            });
            operations.push(...(reversed ? placed.reverse() : placed));
          });
          for (let frame = 0; frame < 2; frame++) {
            const ours = draw(new Output({ width, height: rows.length }), operations);
            const inks = draw(new InkOutput({ width, height: rows.length }) as Drawable, operations);
            expect(ours).toBe(inks);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
