import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallenge, createPkce, VERIFIER_ALPHABET } from '../../../source/services/auth/pkce.js';

describe('createPkce', () => {
  it('makes a 64-character verifier from the RFC 7636 unreserved characters', () => {
    for (let i = 0; i < 200; i++) {
      const { verifier } = createPkce();
      expect(verifier).toHaveLength(64);
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
    }
  });

  it('uses the whole alphabet, not just the base64url part of it', () => {
    const seen = new Set(Array.from({ length: 300 }, () => createPkce().verifier).join(''));
    expect(VERIFIER_ALPHABET).toHaveLength(66);
    expect([...VERIFIER_ALPHABET].filter((character) => !seen.has(character))).toEqual([]);
  });

  it('derives the challenge as unpadded base64url of the verifier’s SHA-256', () => {
    const { verifier, challenge } = createPkce();
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches the RFC 7636 appendix B test vector', () => {
    // The verifier as the RFC prints it (base64url of the octets 116, 24, 223, 180, …).
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a state of at least 128 random bits in base64url', () => {
    const { state } = createPkce();
    expect(state).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(state, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('never repeats a verifier or a state', () => {
    const runs = Array.from({ length: 1000 }, () => createPkce());
    expect(new Set(runs.map((run) => run.verifier)).size).toBe(1000);
    expect(new Set(runs.map((run) => run.state)).size).toBe(1000);
  });
});
