import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OidcError } from '../../../source/services/auth/oidcErrors.js';
import { createOidcClient } from '../../../source/services/awsClients.js';
import { ServiceError } from '../../../source/services/errors.js';
import { getClientRegistration, registrationKey } from '../../../source/services/auth/clientRegistration.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const DAY = 24 * 3600_000;
let harness: Harness | undefined;
let simulatedNow = Date.parse('2030-01-01T00:00:00Z');

beforeEach(async () => {
  simulatedNow = Date.parse('2030-01-01T00:00:00Z');
  harness = await startHarness({ now: () => simulatedNow, registrationLifetimeSeconds: (90 * DAY) / 1000 });
});
afterEach(() => stopHarness(harness));

function get(
  grant: 'authorization_code' | 'device_code',
  store: MemoryRegistrationStore,
  atMs = simulatedNow,
) {
  const { oidc } = harness!;
  return getClientRegistration({ oidc, session: SESSION, grant, store, clock: () => new Date(atMs) }).then(
    ({ registration }) => registration,
  );
}

describe('getClientRegistration', () => {
  it('registers a public client and keeps what a later sign-in needs', async () => {
    const store = new MemoryRegistrationStore();
    const registration = await get('authorization_code', store);
    expect(registration.clientId).toEqual(expect.any(String));
    expect(registration.clientSecret).toEqual(expect.any(String));
    expect(registration.expiresAt).toEqual(new Date(simulatedNow + 90 * DAY));
    expect(registration.scopes).toEqual(['sso:account:access']);
    expect(store.read(registrationKey(SESSION, 'authorization_code'))).toEqual(registration);
  });

  it('reuses the stored registration instead of registering on every sign-in', async () => {
    const store = new MemoryRegistrationStore();
    const first = await get('authorization_code', store);
    const second = await get('authorization_code', store, simulatedNow + 80 * DAY);
    expect(second).toEqual(first);
    expect(harness!.simulator.stats.operations.RegisterClient).toBe(1);
  });

  it('registers again once the stored one has 15 minutes or less left', async () => {
    const store = new MemoryRegistrationStore();
    const first = await get('authorization_code', store);
    const nearExpiry = first.expiresAt.getTime() - 15 * 60_000;
    simulatedNow = nearExpiry;
    const second = await get('authorization_code', store, nearExpiry);
    expect(second.clientId).not.toBe(first.clientId);
    expect(harness!.simulator.stats.operations.RegisterClient).toBe(2);
    expect(store.read(registrationKey(SESSION, 'authorization_code'))).toEqual(second);
  });

  it('keeps separate registrations per grant, session name, start URL, region and scopes', () => {
    const keys = new Set([
      registrationKey(SESSION, 'authorization_code'),
      registrationKey(SESSION, 'device_code'),
      registrationKey({ ...SESSION, name: 'other' }, 'device_code'),
      registrationKey({ ...SESSION, startUrl: 'https://other.awsapps.com/start' }, 'device_code'),
      registrationKey({ ...SESSION, region: 'us-east-1' }, 'device_code'),
      registrationKey(
        { ...SESSION, scopes: ['sso:account:access', 'codewhisperer:completions'] },
        'device_code',
      ),
    ]);
    expect(keys.size).toBe(6);
    expect(registrationKey(SESSION, 'device_code')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keeps one registration per grant', async () => {
    const store = new MemoryRegistrationStore();
    const codeClient = await get('authorization_code', store);
    const deviceClient = await get('device_code', store);
    expect(deviceClient.clientId).not.toBe(codeClient.clientId);
    expect(harness!.simulator.stats.operations.RegisterClient).toBe(2);
  });

  it('uses the default scope when the session names none', async () => {
    const { oidc } = harness!;
    const registration = (
      await getClientRegistration({
        oidc,
        session: { ...SESSION, scopes: [] },
        grant: 'device_code',
        store: new MemoryRegistrationStore(),
        clock: () => new Date(simulatedNow),
      })
    ).registration;
    expect(registration.scopes).toEqual(['sso:account:access']);
  });
});

describe('what RegisterClient is asked, and what its answer must hold', () => {
  let stub: Server | undefined;
  afterEach(async () => {
    stub?.closeAllConnections();
    await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
    stub = undefined;
  });

  /** A stand-in RegisterClient that records each request body and answers `answer`. */
  async function standIn(answer: object, errorType?: string) {
    const bodies: unknown[] = [];
    stub = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(text));
        response.writeHead(errorType ? 400 : 200, {
          'content-type': 'application/json',
          ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
        });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    return { oidc: createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: url }), bodies };
  }

  const ANSWER = { clientId: 'client', clientSecret: 'secret', clientSecretExpiresAt: 1_900_000_000 };

  /** A device-code registration against a stand-in answering `answer`: what it threw, and the store after. */
  async function refusedRegistration(answer: object, errorType?: string) {
    const { oidc } = await standIn(answer, errorType);
    const store = new MemoryRegistrationStore();
    const error = await getClientRegistration({
      oidc,
      session: SESSION,
      grant: 'device_code',
      store,
      clock: () => new Date(simulatedNow),
    }).catch((caught: unknown) => caught);
    oidc.destroy();
    return { error, store };
  }

  it('registers a public sso-tui client for the start URL, with the redirect URI only for the browser', async () => {
    const { oidc, bodies } = await standIn(ANSWER);
    const clock = () => new Date(simulatedNow);
    for (const grant of ['authorization_code', 'device_code'] as const) {
      await getClientRegistration({
        oidc,
        session: SESSION,
        grant,
        store: new MemoryRegistrationStore(),
        clock,
      });
    }
    oidc.destroy();
    expect(bodies).toEqual([
      {
        clientName: 'sso-tui',
        clientType: 'public',
        scopes: ['sso:account:access'],
        issuerUrl: SESSION.startUrl,
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
      },
      {
        clientName: 'sso-tui',
        clientType: 'public',
        scopes: ['sso:account:access'],
        issuerUrl: SESSION.startUrl,
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      },
    ]);
  });

  it.each(['clientId', 'clientSecret', 'clientSecretExpiresAt'])(
    'refuses an answer without %s, and stores nothing',
    async (field) => {
      const { error, store } = await refusedRegistration({ ...ANSWER, [field]: undefined });
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        message: 'Identity Center returned an incomplete client registration.',
        hint: 'Try again in a moment.',
      });
      expect(store.read(registrationKey(SESSION, 'device_code'))).toBeUndefined();
    },
  );

  it('words a refused registration, and stores nothing', async () => {
    const { error, store } = await refusedRegistration({ error: 'invalid_scope' }, 'InvalidScopeException');
    expect(error).toBeInstanceOf(OidcError);
    expect(error).toMatchObject({
      reason: 'InvalidScopeException',
      message: 'Identity Center rejected the requested scopes.',
    });
    expect(store.read(registrationKey(SESSION, 'device_code'))).toBeUndefined();
  });
});
