import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenRefresher } from '../../../source/services/auth/refreshGrant.js';
import { createOidcClient } from '../../../source/services/awsClients.js';
import { RefreshFailedError, RefreshRefusedError } from '../../../source/services/errors.js';
import type { SsoToken } from '../../../source/services/ssoSession.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';

// The refresh_token grant against the simulator, and against a stand-in that answers what the simulator
// never does. test/cli/refresh.test.ts runs the same through the built program.

const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;
let harness: Harness | undefined;
let stub: Server | undefined;

beforeEach(async () => {
  harness = await startHarness({ now: () => NOW.getTime(), tokenLifetimeSeconds: 8 * 3600 });
});
afterEach(async () => {
  stub?.closeAllConnections();
  await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
  stub = undefined;
  await stopHarness(harness);
});

function cachedToken(): SsoToken {
  const issued = harness!.simulator.issueTokens();
  return {
    startUrl: SESSION.startUrl,
    region: SESSION.region,
    accessToken: issued.accessToken,
    expiresAt: issued.expiresAt,
    refreshToken: issued.refreshToken,
    clientId: issued.clientId,
    clientSecret: issued.clientSecret,
    registrationExpiresAt: issued.registrationExpiresAt,
  };
}

/** A CreateToken endpoint that answers `status` with `body` (and the SDK's error header for an error). */
async function stubOidc(status: number, body: object | string, errorType?: string) {
  stub = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
      });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  return createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: url });
}

async function refreshWith(oidc: ReturnType<typeof createOidcClient>, token: SsoToken): Promise<unknown> {
  try {
    return await createTokenRefresher(oidc, clock)(token);
  } catch (error) {
    return error;
  } finally {
    if (oidc !== harness!.oidc) oidc.destroy();
  }
}

describe('createTokenRefresher', () => {
  it('renews the token, keeping its session and registration, with the rotated refresh token', async () => {
    const token = cachedToken();
    const renewed = (await refreshWith(harness!.oidc, token)) as SsoToken;
    expect(renewed).toEqual({
      ...token,
      accessToken: expect.any(String),
      expiresAt: new Date(NOW.getTime() + 8 * 3600_000),
      refreshToken: expect.any(String),
    });
    expect(renewed.accessToken).not.toBe(token.accessToken);
    expect(renewed.refreshToken).not.toBe(token.refreshToken);
    // The refresh token just used is spent; the new one works.
    expect(await refreshWith(harness!.oidc, token)).toBeInstanceOf(RefreshRefusedError);
    expect(await refreshWith(harness!.oidc, renewed)).toMatchObject({ accessToken: expect.any(String) });
  });

  it('keeps the refresh token when Identity Center does not send a new one', async () => {
    const oidc = await stubOidc(200, { accessToken: 'aoa-new', expiresIn: 3600, tokenType: 'Bearer' });
    expect(await refreshWith(oidc, { ...cachedToken(), refreshToken: 'aor-kept' })).toMatchObject({
      accessToken: 'aoa-new',
      expiresAt: new Date(NOW.getTime() + 3600_000),
      refreshToken: 'aor-kept',
    });
  });

  it('is refused, the sign-in ended, when the refresh token or the registration is no longer known', async () => {
    const spent = await refreshWith(harness!.oidc, { ...cachedToken(), refreshToken: 'aor-unknown' });
    expect(spent).toBeInstanceOf(RefreshRefusedError);
    expect((spent as RefreshRefusedError).reason).toBe('InvalidGrantException');
    const token = cachedToken();
    harness!.simulator.forgetClients();
    const forgotten = await refreshWith(harness!.oidc, token);
    expect((forgotten as RefreshRefusedError).reason).toBe('InvalidClientException');
  });

  it.each([
    'InvalidGrantException',
    'InvalidClientException',
    'UnauthorizedClientException',
    'ExpiredTokenException',
    'AccessDeniedException',
    'InvalidRequestException',
  ])('takes %s as the end of the sign-in', async (errorType) => {
    const oidc = await stubOidc(400, { error: 'refused', error_description: 'no' }, errorType);
    const error = await refreshWith(oidc, cachedToken());
    expect(error).toBeInstanceOf(RefreshRefusedError);
    expect((error as RefreshRefusedError).reason).toBe(errorType);
  });

  it('takes any other answer as a failure that may pass, naming it', async () => {
    for (const [status, errorType] of [
      [500, 'InternalServerException'],
      [400, 'SlowDownException'],
    ] as const) {
      const oidc = await stubOidc(status, { error: 'x', error_description: 'y' }, errorType);
      const error = await refreshWith(oidc, cachedToken());
      expect(error).toBeInstanceOf(RefreshFailedError);
      expect(error).not.toBeInstanceOf(RefreshRefusedError);
      expect((error as RefreshFailedError).message).toBe(
        `Could not renew the sign-in: Identity Center answered ${errorType}.`,
      );
      // The SDK's error stays as the cause, for --debug.
      expect((error as RefreshFailedError).cause).toMatchObject({ name: errorType });
      stub!.closeAllConnections();
      await new Promise((resolve) => stub!.close(resolve));
      stub = undefined;
    }
  });

  it('fails, naming the cause, when Identity Center cannot be reached', async () => {
    const oidc = createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:1' });
    const error = await refreshWith(oidc, cachedToken());
    expect(error).toBeInstanceOf(RefreshFailedError);
    expect((error as RefreshFailedError).message).toBe(
      'Could not renew the sign-in: Identity Center could not be reached (ECONNREFUSED).',
    );
    expect((error as RefreshFailedError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('fails, naming what went wrong, when something other than Identity Center answers', async () => {
    // A captive portal or a proxy's error page where JSON was expected.
    const oidc = await stubOidc(200, '<html>Sign in to the hotel Wi-Fi</html>');
    const error = await refreshWith(oidc, cachedToken());
    expect(error).toBeInstanceOf(RefreshFailedError);
    expect((error as RefreshFailedError).message).toMatch(/^Could not renew the sign-in: SyntaxError: /);
    expect((error as RefreshFailedError).cause).toBeInstanceOf(SyntaxError);
  });

  it('fails when the answer has no access token or no lifetime', async () => {
    for (const body of [
      { expiresIn: 3600 },
      { accessToken: 'aoa-new' },
      { accessToken: 'aoa-new', expiresIn: 0 },
    ]) {
      const oidc = await stubOidc(200, body);
      const error = await refreshWith(oidc, cachedToken());
      expect(error, JSON.stringify(body)).toBeInstanceOf(RefreshFailedError);
      expect((error as RefreshFailedError).message).toBe(
        'Could not renew the sign-in: Identity Center answered without an access token.',
      );
      stub!.closeAllConnections();
      await new Promise((resolve) => stub!.close(resolve));
      stub = undefined;
    }
  });
});
