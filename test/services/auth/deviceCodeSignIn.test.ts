import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getClientRegistration } from '../../../source/services/auth/clientRegistration.js';
import {
  startDeviceCodeSignIn,
  type DeviceCodeSignIn,
  type Sleep,
} from '../../../source/services/auth/deviceCodeSignIn.js';
import { OidcError } from '../../../source/services/auth/oidcErrors.js';
import { createOidcClient } from '../../../source/services/awsClients.js';
import { CancelledError, SignInFailedError, ServiceError } from '../../../source/services/errors.js';
import type { Clock } from '../../../source/services/ssoSession.js';
import { startFrontDoor, type FrontDoor } from './frontDoor.js';
import { SESSION, startHarness, stopHarness, type Harness } from './simulatorFixtures.js';
import { MemoryRegistrationStore } from '../../support/memoryRegistrationStore.js';

const START = Date.parse('2030-01-01T00:00:00Z');
const INTERVAL_SECONDS = 2;
/** One clock for the simulator and the sign-in; the injected sleep moves it on instead of waiting. */
let now = START;
const clock: Clock = () => new Date(now);
let harness: Harness | undefined;

beforeEach(async () => {
  now = START;
  harness = await startHarness({
    now: () => now,
    deviceCodeIntervalSeconds: INTERVAL_SECONDS,
    deviceCodeLifetimeSeconds: 60,
  });
});
afterEach(() => stopHarness(harness));

/**
 * A sleep that records what it was asked for, advances the shared clock by it and then runs `onWake` with
 * the poll number about to happen (1-based) and the sign-in, so a test can approve, deny or fault the next poll.
 */
function scriptedSleep(onWake: (poll: number, signIn: DeviceCodeSignIn) => void | Promise<void>) {
  const slept: number[] = [];
  let started!: (signIn: DeviceCodeSignIn) => void;
  const ready = new Promise<DeviceCodeSignIn>((resolve) => (started = resolve));
  const sleep: Sleep = async (ms) => {
    slept.push(ms);
    now += ms;
    await onWake(slept.length, await ready);
  };
  return { sleep, slept, started };
}

async function start(
  sleep: Sleep,
  options: { grant?: 'authorization_code' | 'device_code'; signInClock?: Clock; oidc?: Harness['oidc'] } = {},
) {
  const oidc = options.oidc ?? harness!.oidc;
  const registration = (
    await getClientRegistration({
      oidc: harness!.oidc,
      session: SESSION,
      grant: options.grant ?? 'device_code',
      store: new MemoryRegistrationStore(),
      clock,
    })
  ).registration;
  const signIn = await startDeviceCodeSignIn({
    oidc,
    session: SESSION,
    registration,
    clock: options.signInClock ?? clock,
    sleep,
  });
  return { signIn, registration };
}

describe('startDeviceCodeSignIn against the simulator', () => {
  it('shows the user code and polls pending → slow_down → approved at the requested intervals', async () => {
    const { simulator } = harness!;
    const script = scriptedSleep((poll, signIn) => {
      if (poll === 2) simulator.faults.slowDownPolls = 1;
      if (poll === 3) simulator.approveDevice(signIn.userCode);
    });
    const { signIn, registration } = await start(script.sleep);
    script.started(signIn);

    expect(signIn.userCode).toMatch(/\S/);
    expect(signIn.verificationUri).toBe(`${simulator.url}/device`);
    expect(new URL(signIn.verificationUriComplete).searchParams.get('user_code')).toBe(signIn.userCode);
    expect(signIn.deadline).toEqual(new Date(START + 60_000));

    const token = await signIn.token;
    expect(script.slept).toEqual([2000, 2000, 7000]);
    expect(simulator.stats.operations.CreateToken).toBe(3);
    expect(token).toEqual({
      startUrl: SESSION.startUrl,
      region: SESSION.region,
      accessToken: expect.any(String),
      expiresAt: new Date(now + 3600_000),
      refreshToken: expect.any(String),
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    });
  });

  it('is approved by opening the complete verification URL, as a person would', async () => {
    const script = scriptedSleep(async (poll, signIn) => {
      if (poll === 2) expect((await fetch(signIn.verificationUriComplete)).status).toBe(200);
    });
    const { signIn } = await start(script.sleep);
    script.started(signIn);
    await expect(signIn.token).resolves.toMatchObject({ accessToken: expect.any(String) });
    expect(script.slept).toEqual([2000, 2000]);
  });

  it('refuses a verification URI that is not https: (or http: on this machine) before anyone sees it', async () => {
    const { simulator } = harness!;
    for (const uri of [
      'http://evil.example/device',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://aws.amazon.com@evil.example/device',
      'https://evil.example/\u001B]52;c;aGk=\u0007',
      'https://ex\u202Eelpmaxe.com/device',
      'not a url',
    ]) {
      simulator.faults.verificationUri = uri;
      const error = await start(scriptedSleep(() => {}).sleep).catch((caught: unknown) => caught);
      expect(error, uri).toBeInstanceOf(SignInFailedError);
      expect((error as SignInFailedError).message).toMatch(/not an https: URL/);
      expect(`${(error as SignInFailedError).message} ${(error as SignInFailedError).hint}`).not.toContain(
        'evil',
      );
    }
    for (const uri of ['https://device.sso.eu-west-1.amazonaws.com/', 'http://localhost:9/device']) {
      simulator.faults.verificationUri = uri;
      const { signIn } = await start(scriptedSleep(() => {}).sleep);
      signIn.cancel();
      expect(signIn.verificationUri).toBe(uri);
      expect(signIn.verificationUriComplete).toBe(`${uri}?user_code=${signIn.userCode}`);
    }
  });

  it('stops with SignInFailedError when the sign-in is denied', async () => {
    const script = scriptedSleep((poll, signIn) => {
      if (poll === 2) harness!.simulator.denyDevice(signIn.userCode);
    });
    const { signIn } = await start(script.sleep);
    script.started(signIn);
    const error = await signIn.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe('The sign-in was denied.');
    expect(harness!.simulator.stats.operations.CreateToken).toBe(2);
  });

  it('stops when Identity Center says the device code expired', async () => {
    // The sign-in's own clock stands still, so only the simulator can notice the expiry.
    const script = scriptedSleep(() => {});
    await stopHarness(harness);
    harness = await startHarness({
      now: () => now,
      deviceCodeIntervalSeconds: INTERVAL_SECONDS,
      deviceCodeLifetimeSeconds: 3,
    });
    const { signIn } = await start(script.sleep, { signInClock: () => new Date(START) });
    script.started(signIn);
    const error = await signIn.token.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe(
      'The device code expired before the sign-in was approved.',
    );
    expect((error as SignInFailedError).next).toBe('sign-in-again');
    expect((error as SignInFailedError).hint).toBeUndefined();
    expect(harness!.simulator.stats.operations.CreateToken).toBe(2);
  });

  it('stops by itself once the device code has expired by its own clock, without polling again', async () => {
    const script = scriptedSleep(() => {});
    await stopHarness(harness);
    harness = await startHarness({
      now: () => now,
      deviceCodeIntervalSeconds: INTERVAL_SECONDS,
      deviceCodeLifetimeSeconds: 3,
    });
    const { signIn } = await start(script.sleep);
    script.started(signIn);
    await expect(signIn.token).rejects.toMatchObject({
      name: 'SignInFailedError',
      message: 'The device code expired before the sign-in was approved.',
      next: 'sign-in-again',
    });
    expect(script.slept).toEqual([2000, 2000]);
    expect(harness!.simulator.stats.operations.CreateToken).toBe(1);
  });

  it('counts the device code expired at the very moment it expires, and does not poll then', async () => {
    const script = scriptedSleep(() => {});
    await stopHarness(harness);
    harness = await startHarness({
      now: () => now,
      deviceCodeIntervalSeconds: INTERVAL_SECONDS,
      deviceCodeLifetimeSeconds: 2 * INTERVAL_SECONDS,
    });
    const { signIn } = await start(script.sleep);
    script.started(signIn);
    await expect(signIn.token).rejects.toMatchObject({ name: 'SignInFailedError', next: 'sign-in-again' });
    expect(now).toBe(START + 4000);
    expect(harness!.simulator.stats.operations.CreateToken).toBe(1);
  });

  it('refuses a registration made for the authorization-code grant', async () => {
    const error = await start(scriptedSleep(() => {}).sleep, { grant: 'authorization_code' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OidcError);
    expect((error as OidcError).reason).toBe('UnauthorizedClientException');
    // Not the browser flow's advice to use the device code: this is the device code.
    expect(error).toMatchObject({
      message: 'This Identity Center does not allow this sign-in method.',
      hint: 'Ask your administrator.',
    });
  });

  it('rejects with CancelledError when cancelled while waiting', async () => {
    const waitForever: Sleep = (_ms, signal) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const { signIn } = await start(waitForever);
    signIn.cancel();
    await expect(signIn.token).rejects.toBeInstanceOf(CancelledError);
  });

  it('cancels the default sleep too', async () => {
    const { oidc } = harness!;
    const registration = (
      await getClientRegistration({
        oidc,
        session: SESSION,
        grant: 'device_code',
        store: new MemoryRegistrationStore(),
        clock,
      })
    ).registration;
    const signIn = await startDeviceCodeSignIn({ oidc, session: SESSION, registration, clock });
    signIn.cancel();
    await expect(signIn.token).rejects.toBeInstanceOf(CancelledError);
    expect(harness!.simulator.stats.operations.CreateToken).toBeUndefined();
  });

  describe('through a front door that fails some token polls with 500', () => {
    let frontDoor: FrontDoor | undefined;
    afterEach(async () => {
      await frontDoor?.close();
      frontDoor = undefined;
    });

    /** A real HTTP server before the simulator: the next `failures` CreateToken calls answer 500. */
    async function failingTokenPolls(failures: number) {
      let left = failures;
      frontDoor = await startFrontDoor(harness!.simulator.url, (path) =>
        path === '/token' && left-- > 0
          ? { status: 500, errorType: 'InternalServerException', error: 'server_error' }
          : undefined,
      );
      return createOidcClient(SESSION.region, { AWS_ENDPOINT_URL_SSO_OIDC: frontDoor.url });
    }

    it('keeps polling through two failures in a row', async () => {
      const oidc = await failingTokenPolls(2);
      const script = scriptedSleep((poll, signIn) => {
        if (poll === 3) harness!.simulator.approveDevice(signIn.userCode);
      });
      const { signIn } = await start(script.sleep, { oidc });
      script.started(signIn);
      await expect(signIn.token).resolves.toMatchObject({ accessToken: expect.any(String) });
      expect(script.slept).toEqual([2000, 2000, 2000]);
      oidc.destroy();
    });

    it('gives up with a ServiceError after three', async () => {
      const oidc = await failingTokenPolls(3);
      const script = scriptedSleep(() => {});
      const { signIn } = await start(script.sleep, { oidc });
      script.started(signIn);
      await expect(signIn.token).rejects.toBeInstanceOf(ServiceError);
      expect(script.slept).toHaveLength(3);
      oidc.destroy();
    });
  });
});
