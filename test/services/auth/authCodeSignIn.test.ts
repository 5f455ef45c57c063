import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAuthCodeSignIn, type AuthCodeSignIn } from '../../../source/services/auth/authCodeSignIn.js';
import { getClientRegistration, type SignInGrant } from '../../../source/services/auth/clientRegistration.js';
import { OidcError } from '../../../source/services/auth/oidcErrors.js';
import { createOidcClient, createPortalClient } from '../../../source/services/awsClients.js';
import { oidcEndpoint } from '../../../source/services/endpoints.js';
import { CancelledError, SignInFailedError } from '../../../source/services/errors.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;
let harness: Harness | undefined;
const signIns: AuthCodeSignIn[] = [];

beforeEach(async () => {
  harness = await startHarness({ now: () => NOW.getTime(), tokenLifetimeSeconds: 8 * 3600 });
});
afterEach(async () => {
  for (const signIn of signIns.splice(0)) signIn.cancel();
  await stopHarness(harness);
});

async function signIn(
  store = new MemoryRegistrationStore(),
  options: { callbackPort?: number; timeoutMs?: number } = {},
  { session = SESSION, grant = 'authorization_code' as SignInGrant } = {},
) {
  const { oidc, env } = harness!;
  const registration = (await getClientRegistration({ oidc, session, grant, store, clock })).registration;
  const started = await startAuthCodeSignIn({
    oidc,
    oidcEndpoint: oidcEndpoint(session.region, env),
    session,
    registration,
    clock,
    ...options,
  });
  signIns.push(started);
  return { signIn: started, registration };
}

/** What a browser does with the authorize URL: follow Identity Center's redirect to the loopback callback. */
async function browse(authorizeUrl: string): Promise<{ location: string; page: Response }> {
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const location = redirect.headers.get('location') ?? '';
  return { location, page: await fetch(location) };
}

describe('startAuthCodeSignIn against the simulator', () => {
  it('builds the authorize URL of SPEC §3.4', async () => {
    const { signIn: started, registration } = await signIn();
    const url = new URL(started.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${harness!.simulator.url}/authorize`);
    expect([...url.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge_method',
      'scopes',
      'code_challenge',
    ]);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(registration.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(started.redirectUri);
    expect(started.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scopes')).toBe('sso:account:access');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives each sign-in its own state of 256 random bits, which the callback must carry', async () => {
    const states = [];
    for (let i = 0; i < 2; i++) {
      const { signIn: started } = await signIn();
      const state = new URL(started.authorizeUrl).searchParams.get('state') ?? '';
      expect(Buffer.from(state, 'base64url')).toHaveLength(32);
      // The redirect server holds the same state: a callback with it completes, one without is refused.
      const refused = await fetch(`${started.redirectUri}?code=c&state=${states[0] ?? 'other'}`);
      expect(refused.status).toBe(400);
      states.push(state);
    }
    expect(states[0]).not.toBe(states[1]);
  });

  it('signs in through a stand-in browser and returns a token with every field', async () => {
    const { signIn: started, registration } = await signIn();
    const { page } = await browse(started.authorizeUrl);
    expect(await page.text()).toContain('You can close this tab');

    const token = await started.token;
    expect(token).toEqual({
      startUrl: SESSION.startUrl,
      region: SESSION.region,
      accessToken: expect.any(String),
      expiresAt: new Date(NOW.getTime() + 8 * 3600_000),
      refreshToken: expect.any(String),
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    });
    const portal = createPortalClient(SESSION.region, harness!.env);
    const accounts = await portal.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    portal.destroy();
    expect(accounts.accountList?.length).toBeGreaterThan(0);
  });

  it('accepts the callback URL pasted by hand instead of loaded by the browser', async () => {
    const { signIn: started } = await signIn();
    const redirect = await fetch(started.authorizeUrl, { redirect: 'manual' });
    started.submitCallbackUrl(redirect.headers.get('location') ?? '');
    await expect(started.token).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('listens on the fixed --callback-port when given one', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as { port: number };
    await new Promise((resolve) => free.close(resolve));

    const { signIn: started } = await signIn(new MemoryRegistrationStore(), { callbackPort: port });
    expect(started.redirectUri).toBe(`http://127.0.0.1:${port}/oauth/callback`);
    await browse(started.authorizeUrl);
    await expect(started.token).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('fails with SignInFailedError when the authorization is denied', async () => {
    harness!.simulator.faults.denyAuthorization = true;
    const { signIn: started } = await signIn();
    const { page } = await browse(started.authorizeUrl);
    expect(await page.text()).toContain('Sign-in failed');
    const error = await started.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe('The sign-in was denied in the browser.');
    expect(harness!.simulator.stats.operations.CreateToken).toBeUndefined();
  });

  it('never yields a token for a code the simulator did not issue, and does not repeat the code', async () => {
    const { signIn: started } = await signIn();
    const state = new URL(started.authorizeUrl).searchParams.get('state') ?? '';
    const forged = `${started.redirectUri}?${new URLSearchParams({ code: 'forged-code-4711', state })}`;
    expect((await fetch(forged)).status).toBe(200);

    const error = await started.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OidcError);
    expect((error as OidcError).reason).toBe('InvalidGrantException');
    expect(`${(error as OidcError).message} ${(error as OidcError).hint}`).not.toContain('forged-code-4711');
    expect(harness!.simulator.stats.operations.CreateToken).toBe(1);
  });

  it('asks for every scope of the session, space-separated, and signs in with them', async () => {
    const session = { ...SESSION, scopes: ['sso:account:access', 'openid'] };
    const { signIn: started } = await signIn(new MemoryRegistrationStore(), {}, { session });
    expect(new URL(started.authorizeUrl).searchParams.get('scopes')).toBe('sso:account:access openid');
    const { location } = await browse(started.authorizeUrl);
    expect(new URL(location).searchParams.get('error')).toBeNull();
    await expect(started.token).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('says to try the device code when Identity Center refuses the code for this registration', async () => {
    // A registration without the authorization_code grant: Identity Center refuses the code exchange.
    const { signIn: started } = await signIn(new MemoryRegistrationStore(), {}, { grant: 'device_code' });
    const state = new URL(started.authorizeUrl).searchParams.get('state') ?? '';
    started.submitCallbackUrl(`${started.redirectUri}?${new URLSearchParams({ code: 'some-code', state })}`);
    const error = await started.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OidcError);
    expect((error as OidcError).reason).toBe('UnauthorizedClientException');
    expect((error as OidcError).message).toBe(
      'This Identity Center does not allow browser sign-in with a redirect.',
    );
    expect((error as OidcError).next).toBe('use-device-code');
  });

  it('registers once for two signIns that share a store', async () => {
    const store = new MemoryRegistrationStore();
    for (let i = 0; i < 2; i++) {
      const { signIn: started } = await signIn(store);
      await browse(started.authorizeUrl);
      await started.token;
    }
    expect(harness!.simulator.stats.operations.RegisterClient).toBe(1);
    expect(harness!.simulator.stats.operations.CreateToken).toBe(2);
  });

  it('rejects with CancelledError and stops listening when cancelled', async () => {
    const { signIn: started } = await signIn();
    started.cancel();
    await expect(started.token).rejects.toBeInstanceOf(CancelledError);
    await expect(fetch(started.redirectUri)).rejects.toBeInstanceOf(TypeError);
  });

  it('abandons the code exchange in flight when cancelled, instead of leaving it open', async () => {
    // An OIDC endpoint that takes the CreateToken request and never answers it.
    let exchange!: (request: IncomingMessage) => void;
    const exchanging = new Promise<IncomingMessage>((resolve) => (exchange = resolve));
    const silent = createHttpServer((request) => exchange(request));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const oidc = createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: endpoint });
    try {
      const registration = {
        clientId: 'client',
        clientSecret: 'secret',
        expiresAt: new Date('2030-02-01T00:00:00Z'),
        scopes: SESSION.scopes,
      };
      const started = await startAuthCodeSignIn({
        oidc,
        oidcEndpoint: endpoint,
        session: SESSION,
        registration,
        clock,
      });
      signIns.push(started);
      const state = new URL(started.authorizeUrl).searchParams.get('state') ?? '';
      started.submitCallbackUrl(`${started.redirectUri}?${new URLSearchParams({ code: 'c', state })}`);
      const request = await exchanging;
      expect(request.url).toBe('/token');
      const closed = new Promise<void>((resolve) => request.socket.once('close', resolve));
      started.cancel();
      await expect(started.token).rejects.toBeInstanceOf(CancelledError);
      await closed;
    } finally {
      oidc.destroy();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('times out with a message that says to sign in again', async () => {
    const { signIn: started } = await signIn(new MemoryRegistrationStore(), { timeoutMs: 10 });
    await expect(started.token).rejects.toMatchObject({ message: 'Sign-in timed out after 0.01 seconds.' });
  });

  it('gives up ten minutes after it starts, unless told otherwise, and says when', async () => {
    const { signIn: usual } = await signIn(new MemoryRegistrationStore());
    expect(usual.deadline).toEqual(new Date(NOW.getTime() + 10 * 60_000));
    const { signIn: short } = await signIn(new MemoryRegistrationStore(), { timeoutMs: 10 });
    expect(short.deadline).toEqual(new Date(NOW.getTime() + 10));
    await expect(short.token).rejects.toMatchObject({ message: 'Sign-in timed out after 0.01 seconds.' });
  });
});
