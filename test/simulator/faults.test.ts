import { ListAccountRolesCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso';
import { RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';
import { failure, oidcClient, portalClient } from './oauthClient.js';

let sim: Simulator;
let clock: number;
let portal: SSOClient;
let accessToken: string;

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  sim = await startSimulator({ accounts: 30, now: () => clock });
  portal = portalClient(sim.url);
  accessToken = sim.issueTokens().accessToken;
});
afterEach(() => sim.close());

/** The outcome of one ListAccounts call: 'ok' or the SDK error's name. */
async function call(): Promise<string> {
  try {
    await portal.send(new ListAccountsCommand({ accessToken }));
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

async function calls(count: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let index = 0; index < count; index++) outcomes.push(await call());
  return outcomes;
}

test('everything is off by default', () => {
  expect(sim.faults).toEqual({
    latencyMs: 0,
    throttleEveryNth: 0,
    maxCallsPerSecond: 0,
    serverErrorEveryNth: 0,
    unauthorized: false,
    denyAuthorization: false,
    slowDownPolls: 0,
    failingRoleListings: [],
    echoTokenInErrors: false,
    hostileRefusals: false,
    hostileCredentials: false,
    credentialsWithout: '',
    verificationUri: '',
  });
});

test('throttleEveryNth refuses every Nth portal call with TooManyRequestsException', async () => {
  sim.faults.throttleEveryNth = 3;
  expect(await calls(7)).toEqual([
    'ok',
    'ok',
    'TooManyRequestsException',
    'ok',
    'ok',
    'TooManyRequestsException',
    'ok',
  ]);
  expect(await call()).toBe('ok');
  const ninth = await failure(portal.send(new ListAccountsCommand({ accessToken })));
  expect(ninth.$metadata?.httpStatusCode).toBe(429);
  expect(sim.stats.throttled).toBe(3);
});

test('serverErrorEveryNth answers 500 InternalServerException', async () => {
  sim.faults.serverErrorEveryNth = 2;
  expect(await calls(4)).toEqual(['ok', 'InternalServerException', 'ok', 'InternalServerException']);
  sim.faults.serverErrorEveryNth = 0;
  expect(await calls(2)).toEqual(['ok', 'ok']);
  expect(sim.stats.serverErrors).toBe(2);
  expect(sim.stats.portalCalls.map((logged) => logged.status)).toEqual([200, 500, 200, 500, 200, 200]);
});

test('maxCallsPerSecond refuses calls beyond N in a sliding second; refused calls do not count', async () => {
  sim.faults.maxCallsPerSecond = 3;
  expect(await calls(5)).toEqual(['ok', 'ok', 'ok', 'TooManyRequestsException', 'TooManyRequestsException']);
  clock += 999;
  expect(await call()).toBe('TooManyRequestsException');
  clock += 1;
  expect(await calls(4)).toEqual(['ok', 'ok', 'ok', 'TooManyRequestsException']);
  clock += 500;
  expect(await call()).toBe('TooManyRequestsException');
  clock += 500;
  expect(await call()).toBe('ok');
});

test('unauthorized answers every portal call with 401 while it is on', async () => {
  sim.faults.unauthorized = true;
  const error = await failure(portal.send(new ListAccountsCommand({ accessToken })));
  expect(error.name).toBe('UnauthorizedException');
  expect(error.$metadata?.httpStatusCode).toBe(401);
  sim.faults.unauthorized = false;
  expect(await call()).toBe('ok');
  expect(sim.stats.unauthorized).toBe(1);
});

test('echoTokenInErrors answers every portal call with a 400 that quotes its bearer token', async () => {
  sim.faults.echoTokenInErrors = true;
  const error = await failure(portal.send(new ListAccountsCommand({ accessToken })));
  expect(error.$metadata?.httpStatusCode).toBe(400);
  expect(error.message).toContain(accessToken);
  sim.faults.echoTokenInErrors = false;
  expect(await call()).toBe('ok');
});

test('latencyMs delays portal and OIDC responses', async () => {
  sim.faults.latencyMs = 150;
  const started = performance.now();
  await oidcClient(sim.url).send(new RegisterClientCommand({ clientName: 'slow', clientType: 'public' }));
  const registered = performance.now();
  expect(await call()).toBe('ok');
  // Lower bounds only: a timer never fires early, however busy the machine is.
  expect(registered - started).toBeGreaterThanOrEqual(140);
  expect(performance.now() - registered).toBeGreaterThanOrEqual(140);
});

test('stats count operations and log portal calls; resetStats starts over', async () => {
  sim.faults.throttleEveryNth = 2;
  await calls(2);
  expect(sim.stats.operations).toEqual({ ListAccounts: 2 });
  expect(sim.stats.portalCalls).toEqual([
    { op: 'ListAccounts', status: 200, at: clock },
    { op: 'ListAccounts', status: 429, at: clock },
  ]);
  sim.resetStats();
  expect(sim.stats).toEqual({
    operations: {},
    throttled: 0,
    unauthorized: 0,
    serverErrors: 0,
    portalCalls: [],
    grants: {},
  });
});

test('closing while a delayed reply is pending does not hang', async () => {
  sim.faults.latencyMs = 60_000;
  const pending = call();
  await sim.close();
  expect(await pending).not.toBe('ok');
  sim = await startSimulator({ accounts: 1 });
});

test('failingRoleListings answers ListAccountRoles of those accounts with 500 and serves the others', async () => {
  const [failing, fine] = sim.organization.accounts;
  sim.faults.failingRoleListings = [failing!.accountId];
  const roles = async (accountId: string) =>
    portal.send(new ListAccountRolesCommand({ accessToken, accountId })).then(
      (answer) => answer.roleList?.length,
      (error: Error) => error.name,
    );
  expect(await roles(failing!.accountId)).toBe('InternalServerException');
  expect(await roles(fine!.accountId)).toBe(fine!.roles.length);
});
