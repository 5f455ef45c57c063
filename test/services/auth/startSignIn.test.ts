import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getClientRegistration, registrationKey } from '../../../source/services/auth/clientRegistration.js';
import { OidcError } from '../../../source/services/auth/oidcErrors.js';
import { startSignIn, type StartedSignIn } from '../../../source/services/auth/startSignIn.js';
import { createOidcClient } from '../../../source/services/awsClients.js';
import { CancelledError, SignInFailedError } from '../../../source/services/errors.js';
import { startFrontDoor, type FrontDoor } from './frontDoor.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;
let harness: Harness | undefined;
const started: StartedSignIn[] = [];
let frontDoor: FrontDoor | undefined;

beforeEach(async () => {
  harness = await startHarness({ now: () => NOW.getTime(), tokenLifetimeSeconds: 8 * 3600 });
});
afterEach(async () => {
  for (const signIn of started.splice(0)) signIn.cancel();
  await frontDoor?.close();
  frontDoor = undefined;
  await stopHarness(harness);
});

/** A registration stored by an earlier run, which Identity Center has since forgotten. */
async function forgottenRegistration(grant: 'authorization_code' | 'device_code') {
  const store = new MemoryRegistrationStore();
  const { registration } = await getClientRegistration({
    oidc: harness!.oidc,
    session: SESSION,
    grant,
    store,
    clock,
  });
  harness!.simulator.forgetClients();
  return { store, stale: registration, key: registrationKey(SESSION, grant) };
}

async function signIn(
  method: 'authCode' | 'deviceCode',
  store: MemoryRegistrationStore,
  { oidc = harness!.oidc, env = harness!.env as Record<string, string> } = {},
) {
  const signedIn = await startSignIn({ oidc, session: SESSION, method, store, env, clock });
  started.push(signedIn);
  return signedIn;
}

describe('a stored registration Identity Center no longer knows', () => {
  it('is replaced at once by the device-code flow, which then signs in', async () => {
    const { store, stale, key } = await forgottenRegistration('device_code');
    const signedIn = await signIn('deviceCode', store);
    expect(signedIn.kind).toBe('deviceCode');
    const fresh = store.read(key);
    expect(fresh?.clientId).toBeDefined();
    expect(fresh?.clientId).not.toBe(stale.clientId);
    if (signedIn.kind !== 'deviceCode') throw new Error('expected the device-code flow');
    harness!.simulator.approveDevice(signedIn.userCode);
    expect((await signedIn.token).accessToken).toEqual(expect.any(String));
  });

  it('is forgotten when a browser sign-in with it ends without a token, so the next one registers anew', async () => {
    const { store, stale, key } = await forgottenRegistration('authorization_code');
    const first = await signIn('authCode', store);
    if (first.kind !== 'authCode') throw new Error('expected the browser flow');
    // The browser shows Identity Center's error page; the user gives up.
    const page = await fetch(first.authorizeUrl, { redirect: 'manual' });
    expect(page.status).toBe(400);
    first.cancel();
    await expect(first.token).rejects.toBeInstanceOf(CancelledError);
    await expect.poll(() => store.read(key)).toBeUndefined();

    const second = await signIn('authCode', store);
    if (second.kind !== 'authCode') throw new Error('expected the browser flow');
    expect(store.read(key)?.clientId).not.toBe(stale.clientId);
    const redirect = await fetch(second.authorizeUrl, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    await fetch(redirect.headers.get('location') ?? '');
    expect((await second.token).accessToken).toEqual(expect.any(String));
  });

  it('keeps a registration that still works when its sign-in is cancelled only if it was just made', async () => {
    const store = new MemoryRegistrationStore();
    const key = registrationKey(SESSION, 'authorization_code');
    const first = await signIn('authCode', store);
    first.cancel();
    await expect(first.token).rejects.toBeInstanceOf(CancelledError);
    // Registered by this very sign-in: Identity Center knows it, nothing to forget.
    expect(store.read(key)).toBeDefined();
  });
});

/**
 * A real HTTP server before the simulator whose StartDeviceAuthorization always refuses with `errorType`;
 * everything else goes through. Returns an OIDC client pointed at it.
 */
async function refusingDeviceAuthorization(errorType: string) {
  frontDoor = await startFrontDoor(harness!.simulator.url, (path) =>
    path === '/device_authorization' ? { status: 400, errorType, error: 'invalid_request' } : undefined,
  );
  return createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: frontDoor.url });
}

describe('registering anew', () => {
  it('is not tried for a registration just made, even when Identity Center calls it invalid', async () => {
    const oidc = await refusingDeviceAuthorization('InvalidClientException');
    try {
      const error = await signIn('deviceCode', new MemoryRegistrationStore(), { oidc }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OidcError);
      expect((error as OidcError).reason).toBe('InvalidClientException');
      expect(harness!.simulator.stats.operations.RegisterClient).toBe(1);
    } finally {
      oidc.destroy();
    }
  });

  it('is not tried when a stored registration fails for another reason, which is passed on', async () => {
    const store = new MemoryRegistrationStore();
    const key = registrationKey(SESSION, 'device_code');
    await getClientRegistration({
      oidc: harness!.oidc,
      session: SESSION,
      grant: 'device_code',
      store,
      clock,
    });
    const stored = store.read(key);
    const oidc = await refusingDeviceAuthorization('InvalidRequestException');
    try {
      const error = await signIn('deviceCode', store, { oidc }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OidcError);
      expect((error as OidcError).reason).toBe('InvalidRequestException');
      expect(harness!.simulator.stats.operations.RegisterClient).toBe(1);
      expect(store.read(key)).toEqual(stored);
    } finally {
      oidc.destroy();
    }
  });
});

describe('a device-code sign-in that ends without a token', () => {
  it('forgets its registration when Identity Center stops knowing it while the user approves', async () => {
    const store = new MemoryRegistrationStore();
    const key = registrationKey(SESSION, 'device_code');
    const signedIn = await signIn('deviceCode', store);
    if (signedIn.kind !== 'deviceCode') throw new Error('expected the device-code flow');
    expect(store.read(key)).toBeDefined();
    harness!.simulator.forgetClients();
    const error = await signedIn.token.catch((caught: unknown) => caught);
    expect((error as OidcError).reason).toBe('InvalidClientException');
    // startSignIn's watcher was attached to the token before this test's, so it has already run.
    expect(store.read(key)).toBeUndefined();
  });

  it('keeps its registration when the sign-in is denied: Identity Center still knows it', async () => {
    const store = new MemoryRegistrationStore();
    const key = registrationKey(SESSION, 'device_code');
    const signedIn = await signIn('deviceCode', store);
    if (signedIn.kind !== 'deviceCode') throw new Error('expected the device-code flow');
    harness!.simulator.denyDevice(signedIn.userCode);
    const error = await signedIn.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe('The sign-in was denied.');
    // startSignIn's watcher was attached to the token before this test's, so it has already run.
    expect(store.read(key)).toBeDefined();
  });
});

describe('the browser sign-in', () => {
  it('goes to /authorize once, whatever slashes end AWS_ENDPOINT_URL_SSO_OIDC', async () => {
    const env = { ...harness!.env, AWS_ENDPOINT_URL_SSO_OIDC: `${harness!.simulator.url}//` };
    const signedIn = await signIn('authCode', new MemoryRegistrationStore(), { env });
    if (signedIn.kind !== 'authCode') throw new Error('expected the browser flow');
    const url = new URL(signedIn.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${harness!.simulator.url}/authorize`);
  });
});
