import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SsoToken } from '../../source/services/ssoSession.js';
import { RefreshFailedError, RefreshRefusedError } from '../../source/services/errors.js';
import { readCachedToken, writeCachedToken } from '../../source/services/tokenCache.js';
import {
  canRefresh,
  loadFreshToken,
  loadUsableToken,
  REFRESH_WINDOW_MS,
  renewalMoment,
  type TokenRefresher,
} from '../../source/services/tokenRefresh.js';
import { tempFolder } from '../support/tempFolders.js';

const NOW = new Date('2030-06-15T12:00:00Z');
const clock = (): Date => NOW;
const MINUTE = 60_000;

async function cachedToken(expiresInMs: number, changes: Partial<SsoToken> = {}): Promise<string> {
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
    ...changes,
  };
  await writeCachedToken(file, token);
  return file;
}

/**
 * A refresher that must never be asked for. The code under test catches what it throws, so the test does not
 * rely on the throw: it counts the requests and asserts there were none.
 */
function noNetwork() {
  const guard = {
    requests: 0,
    refresher: (): never => {
      guard.requests++;
      throw new Error('The network was asked for.');
    },
  };
  return guard;
}

function failingWith(error: Error): { refresher: () => TokenRefresher; asked: () => number } {
  let asked = 0;
  return {
    refresher: () => async () => {
      asked++;
      throw error;
    },
    asked: () => asked,
  };
}

describe('a fresh token, read before the first frame', () => {
  it('is the cached token when it is good beyond the refresh window, with no network', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS + MINUTE);
    expect((await loadFreshToken(file, clock))?.accessToken).toBe('aoa-token');
    const network = noNetwork();
    expect(await loadUsableToken({ file, refresher: network.refresher, clock })).toMatchObject({
      kind: 'usable',
      token: { accessToken: 'aoa-token' },
    });
    expect(network.requests).toBe(0);
  });

  it('is nothing inside the refresh window, expired or missing, and still asks no network', async () => {
    expect(await loadFreshToken(await cachedToken(REFRESH_WINDOW_MS - MINUTE), clock)).toBeUndefined();
    expect(await loadFreshToken(await cachedToken(-MINUTE), clock)).toBeUndefined();
    expect(await loadFreshToken(join(tmpdir(), 'sso-tui-no-such-token.json'), clock)).toBeUndefined();
  });
});

describe('a token due for refresh', () => {
  it('keeps the still-valid token when refreshing fails, and says why to the debug log', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS - MINUTE);
    const failing = failingWith(
      new RefreshFailedError('Identity Center could not be reached (ECONNREFUSED)'),
    );
    const debug: string[] = [];
    const check = await loadUsableToken({
      file,
      refresher: failing.refresher,
      clock,
      debug: (line) => debug.push(line),
    });
    expect(check).toMatchObject({ kind: 'usable', token: { accessToken: 'aoa-token' } });
    expect(failing.asked()).toBe(1);
    expect(debug).toEqual([
      'token refresh failed: Could not renew the sign-in: Identity Center could not be reached (ECONNREFUSED).',
    ]);
  });

  it('once expired, a refusal asks for a sign-in and names the refusal', async () => {
    const file = await cachedToken(-MINUTE);
    const refused = new RefreshRefusedError('InvalidGrantException');
    const check = await loadUsableToken({ file, refresher: failingWith(refused).refresher, clock });
    expect(check).toEqual({ kind: 'signInNeeded', reason: { kind: 'refused', error: refused } });
  });

  it('once expired, any other failure is thrown: a network problem is not the end of the sign-in', async () => {
    const file = await cachedToken(-MINUTE);
    const failure = new RefreshFailedError('Identity Center could not be reached (ECONNREFUSED)');
    await expect(loadUsableToken({ file, refresher: failingWith(failure).refresher, clock })).rejects.toBe(
      failure,
    );
  });

  it('expired with no refresh token asks for a sign-in without asking the network', async () => {
    const file = await cachedToken(-MINUTE, { refreshToken: undefined });
    const network = noNetwork();
    expect(await loadUsableToken({ file, refresher: network.refresher, clock })).toEqual({
      kind: 'signInNeeded',
      reason: { kind: 'notRefreshable' },
    });
    expect(network.requests).toBe(0);
  });

  it('writes the renewed token back with every field', async () => {
    const file = await cachedToken(-MINUTE);
    const renewed = await loadUsableToken({
      file,
      refresher: () => async (token) => ({
        ...token,
        accessToken: 'aoa-renewed',
        refreshToken: 'aor-rotated',
        expiresAt: new Date(NOW.getTime() + 60 * MINUTE),
      }),
      clock,
    });
    expect(renewed).toMatchObject({ kind: 'usable', token: { accessToken: 'aoa-renewed' } });
    expect(await readCachedToken(file)).toMatchObject({
      accessToken: 'aoa-renewed',
      refreshToken: 'aor-rotated',
      clientId: 'client',
      clientSecret: 'secret',
    });
  });
});

describe('the refresh window, on fixed times rather than the constant', () => {
  it('is 15 minutes, as botocore’s: a token expiring at 12:15:01 is fresh at 12:00, one at 12:15:00 is due', async () => {
    const expiringAt = async (time: string) => cachedToken(Date.parse(`2030-06-15T${time}Z`) - NOW.getTime());
    expect(REFRESH_WINDOW_MS).toBe(900_000);
    expect(await loadFreshToken(await expiringAt('12:15:01'), clock)).toBeDefined();
    expect(await loadFreshToken(await expiringAt('12:15:00'), clock)).toBeUndefined();
    expect(await loadFreshToken(await expiringAt('12:14:59'), clock)).toBeUndefined();

    let asked = 0;
    const renewing = () => async (token: SsoToken) => {
      asked++;
      return { ...token, accessToken: 'aoa-renewed', expiresAt: new Date('2030-06-15T13:00:00Z') };
    };
    const fresh = await loadUsableToken({ file: await expiringAt('12:15:01'), refresher: renewing, clock });
    expect(fresh).toMatchObject({ kind: 'usable', token: { accessToken: 'aoa-token' } });
    expect(asked).toBe(0);
    const due = await loadUsableToken({ file: await expiringAt('12:14:00'), refresher: renewing, clock });
    expect(due).toMatchObject({ kind: 'usable', token: { accessToken: 'aoa-renewed' } });
    expect(asked).toBe(1);
  });
});

describe('what a refresh needs', () => {
  it('expired without any one of refresh token, client id and secret, or with its registration expired, is a sign-in', async () => {
    for (const missing of [
      { refreshToken: undefined },
      { clientId: undefined },
      { clientSecret: undefined },
      { registrationExpiresAt: undefined },
      { registrationExpiresAt: NOW },
      { registrationExpiresAt: new Date(NOW.getTime() - MINUTE) },
    ]) {
      const network = noNetwork();
      const file = await cachedToken(-MINUTE, missing);
      expect(
        await loadUsableToken({ file, refresher: network.refresher, clock }),
        JSON.stringify(missing),
      ).toEqual({ kind: 'signInNeeded', reason: { kind: 'notRefreshable' } });
      expect(network.requests).toBe(0);
    }
    const token = { ...(await readCachedToken(await cachedToken(-MINUTE)))! };
    expect(canRefresh(token, NOW.getTime())).toBe(true);
    expect(canRefresh({ ...token, registrationExpiresAt: new Date(NOW.getTime() + 1) }, NOW.getTime())).toBe(
      true,
    );
  });

  it('inside the window but not yet expired, and not renewable, is still used, with no network', async () => {
    const network = noNetwork();
    const file = await cachedToken(5 * MINUTE, { refreshToken: undefined });
    expect(await loadUsableToken({ file, refresher: network.refresher, clock })).toMatchObject({
      kind: 'usable',
      token: { accessToken: 'aoa-token' },
    });
    expect(network.requests).toBe(0);
  });

  it('a missing cache file is a sign-in, with no network', async () => {
    const network = noNetwork();
    const file = join(tmpdir(), 'sso-tui-no-such-token.json');
    expect(await loadUsableToken({ file, refresher: network.refresher, clock })).toEqual({
      kind: 'signInNeeded',
      reason: { kind: 'noToken' },
    });
    expect(network.requests).toBe(0);
  });
});

describe('two refreshes at once', () => {
  it('share one renewal: the second reads what the first wrote and spends no refresh token', async () => {
    const file = await cachedToken(-MINUTE);
    let renewals = 0;
    const renewing = () => async (token: SsoToken) => {
      renewals++;
      return {
        ...token,
        accessToken: `aoa-renewed-${renewals}`,
        expiresAt: new Date(NOW.getTime() + 60 * MINUTE),
      };
    };
    const checks = await Promise.all([
      loadUsableToken({ file, refresher: renewing, clock }),
      loadUsableToken({ file, refresher: renewing, clock }),
    ]);
    expect(renewals).toBe(1);
    expect(checks).toEqual([
      { kind: 'usable', token: expect.objectContaining({ accessToken: 'aoa-renewed-1' }) },
      { kind: 'usable', token: expect.objectContaining({ accessToken: 'aoa-renewed-1' }) },
    ]);
  });
});

describe('why a refresh failed, in the debug log', () => {
  async function debugLineFor(thrown: unknown): Promise<string[]> {
    const file = await cachedToken(REFRESH_WINDOW_MS - MINUTE);
    const debug: string[] = [];
    await loadUsableToken({
      file,
      refresher: () => async () => {
        throw thrown;
      },
      clock,
      debug: (line) => debug.push(line),
    });
    return debug;
  }

  it('names an unexpected error by its type, and a user error by its sentence with its cause', async () => {
    expect(await debugLineFor(new TypeError('fetch failed'))).toEqual([
      'token refresh failed: TypeError: fetch failed',
    ]);
    expect(await debugLineFor('a string')).toEqual(['token refresh failed: a string']);
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { name: 'SystemError' });
    expect(
      await debugLineFor(new RefreshFailedError('Identity Center could not be reached', { cause })),
    ).toEqual([
      'token refresh failed: Could not renew the sign-in: Identity Center could not be reached. (SystemError: connect ECONNREFUSED 127.0.0.1:9)',
    ]);
    expect(
      await debugLineFor(
        new RefreshFailedError('Identity Center could not be reached', { cause: 'not an error' }),
      ),
    ).toEqual(['token refresh failed: Could not renew the sign-in: Identity Center could not be reached.']);
  });

  it('is not needed: without a debug log the still-valid token is used all the same', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS - MINUTE);
    const failing = failingWith(new RefreshFailedError('Identity Center could not be reached'));
    expect(await loadUsableToken({ file, refresher: failing.refresher, clock })).toMatchObject({
      kind: 'usable',
      token: { accessToken: 'aoa-token' },
    });
  });
});

describe('the full screen’s background renewal', () => {
  it('comes 15 minutes before the expiry of a long-lived token, halfway through a short-lived one', () => {
    const at = (time: string) => new Date(`2030-06-15T${time}Z`);
    expect(renewalMoment(at('20:00:00'), NOW)).toEqual(at('19:45:00'));
    expect(renewalMoment(at('12:30:00'), NOW)).toEqual(at('12:15:00'));
    expect(renewalMoment(at('12:20:00'), NOW)).toEqual(at('12:10:00'));
    expect(renewalMoment(at('12:00:00'), NOW)).toEqual(at('12:00:00'));
  });
});

describe('at the moment of expiry', () => {
  it('a token whose refresh fails is not used: it has expired', async () => {
    const file = await cachedToken(0);
    const failure = new RefreshFailedError('Identity Center could not be reached (ECONNREFUSED)');
    await expect(loadUsableToken({ file, refresher: failingWith(failure).refresher, clock })).rejects.toBe(
      failure,
    );
  });
});

describe('while another process renews the token', () => {
  it('a fresh token is read without waiting for its lock', async () => {
    const file = await cachedToken(REFRESH_WINDOW_MS + MINUTE);
    // Held by a live process (this one) for as long as the test runs.
    await writeFile(`${file}.lock`, `${process.pid}\n`);
    const network = noNetwork();
    expect(await loadUsableToken({ file, refresher: network.refresher, clock })).toMatchObject({
      kind: 'usable',
      token: { accessToken: 'aoa-token' },
    });
    expect(network.requests).toBe(0);
  });
});
