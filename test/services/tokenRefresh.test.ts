import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SsoToken } from '../../source/services/ssoSession.js';
import { writeCachedToken } from '../../source/services/tokenCache.js';
import { loadFreshToken, loadUsableToken, REFRESH_WINDOW_MS } from '../../source/services/tokenRefresh.js';
import { tempFolder } from '../support/tempFolders.js';

const NOW = new Date('2030-06-15T12:00:00Z');
const clock = (): Date => NOW;
const MINUTE = 60_000;

async function cachedToken(expiresInMs: number): Promise<string> {
  const file = join(await tempFolder('sso-tui-refresh-'), 'token.json');
  const token: SsoToken = {
    startUrl: 'https://example.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'aoa-token',
    expiresAt: new Date(NOW.getTime() + expiresInMs),
    refreshToken: 'aor-refresh',
    clientId: 'client',
    clientSecret: 'secret',
    registrationExpiresAt: new Date(NOW.getTime() + 30 * 24 * 60 * MINUTE),
  };
  await writeCachedToken(file, token);
  return file;
}

/**
 * A client that must never be asked for. The code under test catches what it throws, so the test does not
 * rely on the throw: it counts the requests and asserts there were none.
 */
function noNetwork() {
  const guard = {
    requests: 0,
    oidc: (): never => {
      guard.requests++;
      throw new Error('The network was asked for.');
    },
  };
  return guard;
}

describe('a fresh token, read before the first frame', () => {
  it('is the cached token when it is good beyond the refresh window, with no network', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS + MINUTE);
    expect((await loadFreshToken(file, clock))?.accessToken).toBe('aoa-token');
    const network = noNetwork();
    expect((await loadUsableToken({ file, oidc: network.oidc, clock }))?.accessToken).toBe('aoa-token');
    expect(network.requests).toBe(0);
  });

  it('is nothing inside the refresh window, expired or missing, and still asks no network', async () => {
    expect(await loadFreshToken(await cachedToken(REFRESH_WINDOW_MS - MINUTE), clock)).toBeUndefined();
    expect(await loadFreshToken(await cachedToken(-MINUTE), clock)).toBeUndefined();
    expect(await loadFreshToken(join(tmpdir(), 'sso-tui-no-such-token.json'), clock)).toBeUndefined();
  });

  it('leaves a due refresh to loadUsableToken, which keeps the still-valid token when refreshing fails', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS - MINUTE);
    let asked = 0;
    const failing = (): never => {
      asked++;
      throw new Error('unreachable');
    };
    expect((await loadUsableToken({ file, oidc: failing, clock }))?.accessToken).toBe('aoa-token');
    expect(asked).toBe(1);
  });
});
