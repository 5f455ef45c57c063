import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPkce, VERIFIER_ALPHABET } from '../../../source/services/auth/pkce.js';

// The verifier's rejection sampling, fed chosen random bytes. 256 = 3 × 66 + 58: the bytes 198–255 would
// fold onto the alphabet's first 58 characters and make them likelier than the last 8, so they are dropped.
const planned = vi.hoisted(() => ({ buffers: [] as Buffer[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const randomBytes = (size: number): Buffer => planned.buffers.shift() ?? crypto.randomBytes(size);
  return { ...crypto, default: { ...crypto, randomBytes }, randomBytes };
});

afterEach(() => {
  planned.buffers = [];
});

/** 64 bytes, `first` then 0, 1, 2, …: the verifier they make starts from the alphabet's first letter. */
const bytesAfter = (...first: number[]): Buffer =>
  Buffer.from([...first, ...Array.from({ length: 64 - first.length }, (_, index) => index)]);

describe('the verifier’s random characters', () => {
  it('come one from each byte below 198, in order', () => {
    planned.buffers = [bytesAfter(197, 65, 66)];
    const { verifier } = createPkce();
    // 197 = 2 × 66 + 65 and 65 are the alphabet's last character; 66 folds onto its first.
    expect(verifier.slice(0, 4)).toBe('~~AA');
    expect(verifier).toHaveLength(64);
  });

  it('drop the bytes 198 to 255 and draw more bytes for what they left short', () => {
    planned.buffers = [bytesAfter(198, 199, 254, 255), Buffer.from([10, 11, 12, 13, 99, 99])];
    const { verifier } = createPkce();
    expect(verifier).toBe(`${VERIFIER_ALPHABET.slice(0, 60)}KLMN`);
    // The second draw's unused bytes are not carried into the next sign-in's verifier.
    planned.buffers = [bytesAfter()];
    expect(createPkce().verifier).toBe(VERIFIER_ALPHABET.slice(0, 64));
  });

  it('are spread evenly over the alphabet (real randomness, 128 000 characters)', () => {
    // Unbiased, the alphabet's last 8 characters are 8/66 ≈ 12.1% of all; folding the bytes 198–255 in
    // would make them 24/256 ≈ 9.4%. The bounds are over 10 standard deviations from either.
    const text = Array.from({ length: 2000 }, () => createPkce().verifier).join('');
    const last8 = new Set(VERIFIER_ALPHABET.slice(58));
    const share = [...text].filter((character) => last8.has(character)).length / text.length;
    expect(share).toBeGreaterThan(0.11);
    expect(share).toBeLessThan(0.132);
  });
});
