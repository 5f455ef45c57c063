import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ accounts: 3 });
});
afterEach(() => sim.close());

/** Resolves true when a TCP connection to host:port opens, false when it is refused or cannot be made. */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('listens on 127.0.0.1 with an OS-picked port, and on no other address', async () => {
  const url = new URL(sim.url);
  expect(url.hostname).toBe('127.0.0.1');
  expect(Number(url.port)).toBeGreaterThan(0);
  expect(sim.url).not.toMatch(/\/$/);
  expect(await canConnect('127.0.0.1', Number(url.port))).toBe(true);
  const otherAddresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.address !== '127.0.0.1')
    .map((address) => address!.address);
  for (const address of ['::1', ...otherAddresses]) {
    expect(await canConnect(address, Number(url.port)), address).toBe(false);
  }
});

test('two simulators get different ports', async () => {
  const other = await startSimulator({ accounts: 1 });
  try {
    expect(other.url).not.toBe(sim.url);
  } finally {
    await other.close();
  }
});

test('an unknown path is a 404 naming no operation', async () => {
  const response = await fetch(`${sim.url}/nope`);
  expect(response.status).toBe(404);
  expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  expect(sim.stats.operations).toEqual({ Unknown: 1 });
});

test('a malformed JSON body is a 400 InvalidRequestException', async () => {
  const response = await fetch(`${sim.url}/client/register`, { method: 'POST', body: '{not json' });
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
  expect(await response.json()).toMatchObject({ error: 'invalid_request' });
});

test('after close, nothing listens', async () => {
  const port = Number(new URL(sim.url).port);
  await sim.close();
  expect(await canConnect('127.0.0.1', port)).toBe(false);
  sim = await startSimulator({ accounts: 1 });
});

test('lifetimes changed while running hold for what is issued next, and what was issued keeps its expiry', async () => {
  const now = 1_800_000_000_000;
  const clocked = await startSimulator({
    accounts: 1,
    now: () => now,
    tokenLifetimeSeconds: 1,
    registrationLifetimeSeconds: 2,
  });
  try {
    const before = clocked.issueTokens();
    clocked.setLifetimes({ tokenLifetimeSeconds: 3600, registrationLifetimeSeconds: 7200 });
    const after = clocked.issueTokens();
    expect(before.expiresAt.getTime()).toBe(now + 1_000);
    expect(before.registrationExpiresAt.getTime()).toBe(now + 2_000);
    expect(after.expiresAt.getTime()).toBe(now + 3_600_000);
    expect(after.registrationExpiresAt.getTime()).toBe(now + 7_200_000);
  } finally {
    await clocked.close();
  }
});

test('a session length changed while running holds for the next sign-in only', async () => {
  let now = 1_800_000_000_000;
  const clocked = await startSimulator({ accounts: 1, now: () => now, sessionLifetimeSeconds: 2 });
  try {
    const before = clocked.issueTokens();
    clocked.setLifetimes({ sessionLifetimeSeconds: 3600 });
    const after = clocked.issueTokens();
    now += 10_000;
    const refresh = (tokens: typeof before) =>
      fetch(`${clocked.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: tokens.clientId,
          clientSecret: tokens.clientSecret,
          grantType: 'refresh_token',
          refreshToken: tokens.refreshToken,
        }),
      });
    expect((await refresh(before)).status).toBe(400);
    expect((await refresh(after)).status).toBe(200);
  } finally {
    await clocked.close();
  }
});
