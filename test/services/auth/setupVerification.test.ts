import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getClientRegistration } from '../../../source/services/auth/clientRegistration.js';
import { SetupRefusedError, verifySession } from '../../../source/services/auth/setupVerification.js';
import { SignInFailedError } from '../../../source/services/errors.js';
import { oidcEndpoint } from '../../../source/services/endpoints.js';
import type { SsoSession } from '../../../source/services/ssoSession.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;
let harness: Harness | undefined;
let stub: Server | undefined;

afterEach(async () => {
  stub?.closeAllConnections();
  await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
  stub = undefined;
  await stopHarness(harness);
  harness = undefined;
});

/** An /authorize that answers `reply` (or never answers, given none); returns its endpoint. */
async function stubAuthorize(reply?: { status: number; location?: string }): Promise<string> {
  stub = createServer((_request, response) => {
    if (!reply) return;
    response.writeHead(reply.status, reply.location ? { location: reply.location } : {});
    response.end();
  });
  await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
}

async function verify(
  options: {
    endpoint?: string;
    timeoutMs?: number;
    store?: MemoryRegistrationStore;
    session?: SsoSession;
  } = {},
) {
  return verifySession({
    oidc: harness!.oidc,
    oidcEndpoint: options.endpoint ?? oidcEndpoint(SESSION.region, harness!.env),
    session: options.session ?? SESSION,
    store: options.store ?? new MemoryRegistrationStore(),
    clock,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => error,
  );
}

describe('verifySession, before a new session is saved', () => {
  it('accepts a start URL Identity Center serves, and keeps the registration for the sign-in that follows', async () => {
    harness = await startHarness({ now: () => NOW.getTime(), startUrls: [SESSION.startUrl] });
    const store = new MemoryRegistrationStore();
    // Two scopes: the sign-in page refuses any it was not registered with.
    const session = { ...SESSION, scopes: ['sso:account:access', 'openid'] };
    await verify({ store, session });
    const next = await getClientRegistration({
      oidc: harness.oidc,
      session,
      grant: 'authorization_code',
      store,
      clock,
    });
    expect(next.reused).toBe(true);
    expect(harness.simulator.stats.operations.RegisterClient).toBe(1);
  });

  it('refuses a start URL Identity Center does not serve, naming it, the region and the answer', async () => {
    harness = await startHarness({
      now: () => NOW.getTime(),
      startUrls: ['https://other.awsapps.com/start'],
    });
    const error = await refusal(verify());
    expect(error).toBeInstanceOf(SetupRefusedError);
    expect(error).toMatchObject({ startUrl: SESSION.startUrl, region: SESSION.region, status: 404 });
    expect((error as SetupRefusedError).message).toBe(
      `Identity Center in eu-west-1 does not answer for ${SESSION.startUrl} (its sign-in page said 404).`,
    );
    expect((error as SetupRefusedError).hint).toBe('Check the start URL and the region.');
  });

  it('refuses when the sign-in page sends the browser back with an error', async () => {
    harness = await startHarness({ now: () => NOW.getTime() });
    harness.simulator.faults.denyAuthorization = true;
    expect(await refusal(verify())).toMatchObject({ name: 'SetupRefusedError', status: 302 });
  });

  it('accepts a redirect to a sign-in page elsewhere, whatever its own query says', async () => {
    harness = await startHarness({ now: () => NOW.getTime() });
    const endpoint = await stubAuthorize({
      status: 302,
      location: 'https://portal.example/login?error=none',
    });
    expect(await refusal(verify({ endpoint }))).toBe('accepted');
  });

  it('refuses any answer from 400 up, and accepts an empty one below', async () => {
    harness = await startHarness({ now: () => NOW.getTime() });
    expect(await refusal(verify({ endpoint: await stubAuthorize({ status: 400 }) }))).toMatchObject({
      name: 'SetupRefusedError',
      status: 400,
    });
    stub!.closeAllConnections();
    await new Promise((resolve) => stub!.close(resolve));
    expect(await refusal(verify({ endpoint: await stubAuthorize({ status: 204 }) }))).toBe('accepted');
  });

  it('says where it could not reach the sign-in page', async () => {
    harness = await startHarness({ now: () => NOW.getTime() });
    const endpoint = await stubAuthorize();
    const error = await refusal(verify({ endpoint, timeoutMs: 50 }));
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe(
      `Could not reach Identity Center's sign-in page at ${endpoint}/authorize.`,
    );
    expect((error as SignInFailedError).hint).toBe('Check the network and the region.');
    expect((error as SignInFailedError).cause).toMatchObject({ name: 'TimeoutError' });
  });
});
