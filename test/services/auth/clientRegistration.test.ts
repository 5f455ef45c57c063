import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  it('registers a public client and keeps what a later login needs', async () => {
    const store = new MemoryRegistrationStore();
    const registration = await get('authorization_code', store);
    expect(registration.clientId).toEqual(expect.any(String));
    expect(registration.clientSecret).toEqual(expect.any(String));
    expect(registration.expiresAt).toEqual(new Date(simulatedNow + 90 * DAY));
    expect(registration.scopes).toEqual(['sso:account:access']);
    expect(store.read(registrationKey(SESSION, 'authorization_code'))).toEqual(registration);
  });

  it('reuses the stored registration instead of registering on every login', async () => {
    const store = new MemoryRegistrationStore();
    const first = await get('authorization_code', store);
    const second = await get('authorization_code', store, simulatedNow + 80 * DAY);
    expect(second).toEqual(first);
    expect(harness!.simulator.stats.operations.RegisterClient).toBe(1);
  });

  it('registers again once the stored one is within 15 minutes of expiring', async () => {
    const store = new MemoryRegistrationStore();
    const first = await get('authorization_code', store);
    const nearExpiry = first.expiresAt.getTime() - 14 * 60_000;
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
