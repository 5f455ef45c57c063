import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getClientRegistration, registrationKey } from '../../../source/services/auth/clientRegistration.js';
import { startSignIn, type StartedSignIn } from '../../../source/services/auth/startSignIn.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;
let harness: Harness | undefined;
const started: StartedSignIn[] = [];

beforeEach(async () => {
  harness = await startHarness({ now: () => NOW.getTime(), tokenLifetimeSeconds: 8 * 3600 });
});
afterEach(async () => {
  for (const signIn of started.splice(0)) signIn.login.cancel();
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

async function signIn(method: 'authCode' | 'deviceCode', store: MemoryRegistrationStore) {
  const signedIn = await startSignIn({
    oidc: harness!.oidc,
    session: SESSION,
    method,
    store,
    env: harness!.env,
    clock,
  });
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
    harness!.simulator.approveDevice(signedIn.login.userCode);
    expect((await signedIn.login.token).accessToken).toEqual(expect.any(String));
  });

  it('is forgotten when a browser sign-in with it ends without a token, so the next one registers anew', async () => {
    const { store, stale, key } = await forgottenRegistration('authorization_code');
    const first = await signIn('authCode', store);
    if (first.kind !== 'authCode') throw new Error('expected the browser flow');
    // The browser shows Identity Center's error page; the user gives up.
    const page = await fetch(first.login.authorizeUrl, { redirect: 'manual' });
    expect(page.status).toBe(400);
    first.login.cancel();
    await expect(first.login.token).rejects.toThrow();
    await expect.poll(() => store.read(key)).toBeUndefined();

    const second = await signIn('authCode', store);
    if (second.kind !== 'authCode') throw new Error('expected the browser flow');
    expect(store.read(key)?.clientId).not.toBe(stale.clientId);
    const redirect = await fetch(second.login.authorizeUrl, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    await fetch(redirect.headers.get('location') ?? '');
    expect((await second.login.token).accessToken).toEqual(expect.any(String));
  });

  it('keeps a registration that still works when its sign-in is cancelled only if it was just made', async () => {
    const store = new MemoryRegistrationStore();
    const key = registrationKey(SESSION, 'authorization_code');
    const first = await signIn('authCode', store);
    first.login.cancel();
    await expect(first.login.token).rejects.toThrow();
    // Registered by this very sign-in: Identity Center knows it, nothing to forget.
    expect(store.read(key)).toBeDefined();
  });
});
