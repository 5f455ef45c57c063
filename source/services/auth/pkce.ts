import { createHash, randomBytes } from 'node:crypto';

/** The proof key a sign-in carries (RFC 7636), plus the state that ties the browser's callback to it. */
export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly state: string;
}

/** RFC 7636 §4.1: the verifier's alphabet, the "unreserved" characters of RFC 3986. */
export const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** AWS CLI v2 uses 64 characters; RFC 7636 allows 43 to 128. */
const VERIFIER_LENGTH = 64;

/** The largest multiple of the alphabet's size below 256: bytes at or above it are dropped, not folded in. */
const UNBIASED_LIMIT = 256 - (256 % VERIFIER_ALPHABET.length);

export function createPkce(): Pkce {
  const verifier = randomVerifier();
  return { verifier, challenge: codeChallenge(verifier), state: randomBytes(32).toString('base64url') };
}

/** S256: base64url(SHA-256(verifier)) without padding. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function randomVerifier(): string {
  let verifier = '';
  while (verifier.length < VERIFIER_LENGTH) {
    for (const byte of randomBytes(VERIFIER_LENGTH)) {
      // Rejection sampling: `byte % 66` over all 256 values would favour the first 58 characters.
      if (byte >= UNBIASED_LIMIT) continue;
      verifier += VERIFIER_ALPHABET[byte % VERIFIER_ALPHABET.length];
      if (verifier.length === VERIFIER_LENGTH) break;
    }
  }
  return verifier;
}
