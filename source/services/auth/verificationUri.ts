import { SignInFailedError } from '../errors.js';
import { isLoopbackHost } from '../startUrl.js';
import { hasControlCharacters } from '../terminalText.js';

/**
 * The device-code verification URI as it may be opened or shown: `https:` (or `http:` on a loopback host,
 * the simulator's), with no user part that could pose as the host (`https://aws.amazon.com@evil.example`)
 * and no control character; returned as the URL parser writes it, which is printable ASCII. Anything else
 * came from something other than Identity Center and is refused before it reaches a browser or a terminal.
 */
export function checkedVerificationUri(text: string): string {
  let url: URL | undefined;
  try {
    url = hasControlCharacters(text) ? undefined : new URL(text);
  } catch {
    url = undefined;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!url || !secure || url.username !== '' || url.password !== '') {
    throw new SignInFailedError(
      'Identity Center answered with a sign-in address that is not an https: URL, so it is neither opened nor shown.',
      'Check the region and AWS_ENDPOINT_URL_SSO_OIDC, then sign in again.',
    );
  }
  return url.href;
}
