import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Secrets and identifiers shaped like the ones Identity Center hands out, from a cryptographic source. */
export function randomToken(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** RFC 8628's suggestion: consonants only, so a user code never spells a word or confuses 0 and O. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export function randomUserCode(): string {
  const letters = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]);
  return `${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Temporary credentials' key ids start with ASIA and have 16 more characters from this alphabet. */
export function randomAccessKeyId(): string {
  return 'ASIA' + Array.from({ length: 16 }, () => BASE32[randomInt(BASE32.length)]).join('');
}

export function randomSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

export function randomSessionToken(): string {
  return 'IQoJb3JpZ2luX2Vj' + randomBytes(480).toString('base64');
}

/** base64url(SHA-256(verifier)), the PKCE S256 transform. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Compares secrets in constant time; hashing first makes the lengths equal. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
