import {
  CreateTokenCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';
import { failure, oidcClient } from './oauthClient.js';

let sim: Simulator;
let clock: number;
let oidc: SSOOIDCClient;

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  sim = await startSimulator({ accounts: 3, now: () => clock, deviceCodeIntervalSeconds: 5 });
  oidc = oidcClient(sim.url);
});
afterEach(() => sim.close());

/** Registers as AWS CLI's device flow does and starts an authorization. */
async function startDevice() {
  const client = await oidc.send(
    new RegisterClientCommand({
      clientName: 'sso-tui-test',
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    }),
  );
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({
      clientId: client.clientId!,
      clientSecret: client.clientSecret!,
      startUrl: 'https://example.awsapps.com/start',
    }),
  );
  const poll = () =>
    oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId!,
        clientSecret: client.clientSecret!,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: device.deviceCode!,
      }),
    );
  return { device, poll };
}

/** Polls one interval later by the simulator's clock, as a well-behaved client would. */
async function pollLater(poll: () => Promise<unknown>) {
  clock += 5000;
  return poll();
}

test('StartDeviceAuthorization returns codes, verification URLs, expiry and interval', async () => {
  const { device } = await startDevice();
  expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(device.verificationUri).toBe(`${sim.url}/device`);
  expect(device.verificationUriComplete).toBe(`${sim.url}/device?user_code=${device.userCode}`);
  expect(device.expiresIn).toBe(600);
  expect(device.interval).toBe(5);
});

test('pending, then slow_down, then tokens once approved', async () => {
  const { device, poll } = await startDevice();
  const pending = await failure(poll());
  expect(pending.name).toBe('AuthorizationPendingException');
  expect(pending.$metadata?.httpStatusCode).toBe(400);

  sim.faults.slowDownPolls = 2;
  expect((await failure(pollLater(poll))).name).toBe('SlowDownException');
  expect((await failure(pollLater(poll))).name).toBe('SlowDownException');
  expect(sim.faults.slowDownPolls).toBe(0);
  expect((await failure(pollLater(poll))).name).toBe('AuthorizationPendingException');

  sim.approveDevice(device.userCode!);
  const token = (await pollLater(poll)) as {
    accessToken?: string;
    refreshToken?: string;
    tokenType?: string;
  };
  expect(token.accessToken).toBeTruthy();
  expect(token.refreshToken).toBeTruthy();
  expect(token.tokenType).toBe('Bearer');
  expect((await failure(pollLater(poll))).name).toBe('InvalidGrantException');
});

test('polling faster than the interval is slow_down', async () => {
  const { poll } = await startDevice();
  expect((await failure(poll())).name).toBe('AuthorizationPendingException');
  clock += 1000;
  const tooSoon = await failure(poll());
  expect(tooSoon.name).toBe('SlowDownException');
  expect((tooSoon as unknown as { error: string }).error).toBe('slow_down');
  expect((await failure(pollLater(poll))).name).toBe('AuthorizationPendingException');
});

test('a denied request is access_denied', async () => {
  const { device, poll } = await startDevice();
  sim.denyDevice(device.userCode!);
  const denied = await failure(poll());
  expect(denied.name).toBe('AccessDeniedException');
  expect((denied as unknown as { error: string }).error).toBe('access_denied');
});

test('an expired device code is expired_token, even if approved late', async () => {
  const { device, poll } = await startDevice();
  clock += 600 * 1000;
  sim.approveDevice(device.userCode!);
  expect((await failure(poll())).name).toBe('ExpiredTokenException');
});

test('opening the verification page approves, or denies under faults.denyAuthorization', async () => {
  const approved = await startDevice();
  const page = await fetch(approved.device.verificationUriComplete!);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('approved');
  const token = (await approved.poll()) as { accessToken?: string };
  expect(token.accessToken).toBeTruthy();

  sim.faults.denyAuthorization = true;
  const denied = await startDevice();
  const lowerCase = `${sim.url}/device?user_code=${denied.device.userCode!.toLowerCase().replace('-', '')}`;
  expect((await fetch(lowerCase)).status).toBe(200);
  expect((await failure(denied.poll())).name).toBe('AccessDeniedException');
});

test('the verification page refuses an unknown code and approveDevice throws for one', async () => {
  expect((await fetch(`${sim.url}/device?user_code=BCDF-GHJK`)).status).toBe(400);
  expect(() => sim.approveDevice('BCDF-GHJK')).toThrow(/user code/);
});

test('a client registered without grant types (legacy) gets no refresh token', async () => {
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'legacy', clientType: 'public' }));
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({
      clientId: client.clientId!,
      clientSecret: client.clientSecret!,
      startUrl: 'https://example.awsapps.com/start',
    }),
  );
  sim.approveDevice(device.userCode!);
  const token = await oidc.send(
    new CreateTokenCommand({
      clientId: client.clientId!,
      clientSecret: client.clientSecret!,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.deviceCode!,
    }),
  );
  expect(token.accessToken).toBeTruthy();
  expect(token.refreshToken).toBeUndefined();
});
