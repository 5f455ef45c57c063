import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeviceCodeSignIn, type Sleep } from '../../../source/services/auth/deviceCodeSignIn.js';
import { createOidcClient } from '../../../source/services/awsClients.js';
import { CancelledError, ServiceError } from '../../../source/services/errors.js';
import { NOW, REGISTRATION, SESSION } from './simulatorFixtures.js';

// Answers the simulator never gives, from a stand-in OIDC endpoint: fields left out, no interval, dropped
// connections. deviceCodeSignIn.test.ts covers the flow against the simulator.

const clock = () => NOW;
const AUTHORIZATION = {
  deviceCode: 'device-code',
  userCode: 'ABCD-EFGH',
  verificationUri: 'https://device.sso.eu-west-1.amazonaws.com/',
  verificationUriComplete: 'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH',
  expiresIn: 600,
  interval: 1,
};
const TOKEN = { accessToken: 'aoa-token', expiresIn: 3600, tokenType: 'Bearer' };

/** What the stand-in does with one request: answer with a status and body (and error type), or hang up. */
type Answer = { status: number; body: object; errorType?: string } | 'hang up' | 'hold';
/** The requests held open unanswered ('hold'), for a test to watch. */
let held: ((request: IncomingMessage) => void) | undefined;
let stub: Server | undefined;

afterEach(async () => {
  stub?.closeAllConnections();
  await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
  stub = undefined;
});

/** An OIDC endpoint answering StartDeviceAuthorization with `authorization`, then each poll in turn. */
async function standIn(authorization: object, polls: Answer[] = []) {
  const answers: Answer[] = [{ status: 200, body: authorization }, ...polls];
  stub = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = answers.shift() ?? { status: 200, body: TOKEN };
      if (answer === 'hang up') return void request.socket.destroy();
      if (answer === 'hold') return void held?.(request);
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.errorType ? { 'x-amzn-ErrorType': answer.errorType } : {}),
      });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  return createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: url });
}

const pending: Answer = {
  status: 400,
  body: { error: 'authorization_pending' },
  errorType: 'AuthorizationPendingException',
};

function recordingSleep(): { sleep: Sleep; slept: number[] } {
  const slept: number[] = [];
  return { sleep: async (ms) => void slept.push(ms), slept };
}

async function signIn(authorization: object, polls: Answer[] = [], sleep = recordingSleep().sleep) {
  const oidc = await standIn(authorization, polls);
  try {
    const started = await startDeviceCodeSignIn({
      oidc,
      session: SESSION,
      registration: REGISTRATION,
      clock,
      sleep,
    });
    await started.token.catch(() => {});
    return started;
  } finally {
    oidc.destroy();
  }
}

describe('a device authorization', () => {
  it.each(['deviceCode', 'userCode', 'verificationUri', 'expiresIn'])(
    'without %s is refused as incomplete',
    async (field) => {
      const error = await signIn({ ...AUTHORIZATION, [field]: undefined }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        message: 'Identity Center returned an incomplete device authorization.',
        hint: 'Try again in a moment.',
      });
    },
  );

  it('without a complete verification URI shows the plain one', async () => {
    const started = await signIn({ ...AUTHORIZATION, verificationUriComplete: undefined });
    expect(started.verificationUriComplete).toBe(AUTHORIZATION.verificationUri);
  });

  it('that names no interval is polled every 5 seconds, 5 more after each slow_down (RFC 8628)', async () => {
    const { sleep, slept } = recordingSleep();
    const slowDown: Answer = { status: 400, body: { error: 'slow_down' }, errorType: 'SlowDownException' };
    const started = await signIn(
      { ...AUTHORIZATION, interval: undefined },
      [pending, slowDown, pending],
      sleep,
    );
    await expect(started.token).resolves.toMatchObject({ accessToken: 'aoa-token' });
    expect(slept).toEqual([5000, 5000, 10_000, 10_000]);
  });
});

describe('polling through dropped connections', () => {
  it('goes on after two in a row, and counts afresh after an answer', async () => {
    const polls: Answer[] = ['hang up', 'hang up', pending, 'hang up', 'hang up'];
    const started = await signIn(AUTHORIZATION, polls);
    await expect(started.token).resolves.toMatchObject({ accessToken: 'aoa-token' });
  });

  it('gives up after three in a row with the network error', async () => {
    const started = await signIn(AUTHORIZATION, ['hang up', 'hang up', 'hang up']);
    await expect(started.token).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('cancelling', () => {
  it('abandons a poll in flight instead of leaving it open', async () => {
    const polling = new Promise<IncomingMessage>((resolve) => (held = resolve));
    const oidc = await standIn(AUTHORIZATION, ['hold']);
    try {
      const started = await startDeviceCodeSignIn({
        oidc,
        session: SESSION,
        registration: REGISTRATION,
        clock,
        sleep: recordingSleep().sleep,
      });
      const request = await polling;
      const closed = new Promise<void>((resolve) => request.socket.once('close', resolve));
      started.cancel();
      await expect(started.token).rejects.toBeInstanceOf(CancelledError);
      await closed;
    } finally {
      held = undefined;
      oidc.destroy();
    }
  });
});
