import { setTimeout as delay } from 'node:timers/promises';
import {
  CreateTokenCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { isNetworkError, SignInFailedError, ServiceError } from '../errors.js';
import type { ClientRegistration, Clock, SsoSession, SsoToken } from '../ssoSession.js';
import { unlessCancelled } from './cancellation.js';
import { checkedVerificationUri } from './verificationUri.js';
import { serviceErrorName, toOidcError } from './oidcErrors.js';
import { ssoTokenFromResponse } from './ssoTokenFromResponse.js';

/** Waits `ms`, or rejects when `signal` aborts; tests pass one that returns at once. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface StartDeviceCodeSignInOptions {
  readonly oidc: SSOOIDCClient;
  readonly session: SsoSession;
  /** A registration made for the device_code grant. */
  readonly registration: ClientRegistration;
  readonly clock: Clock;
  readonly sleep?: Sleep;
}

export interface DeviceCodeSignIn {
  readonly kind: 'deviceCode';
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  /** When the device code expires and the sign-in gives up. */
  readonly deadline: Date;
  readonly token: Promise<SsoToken>;
  /** Stops polling: `token` rejects with CancelledError. */
  cancel(): void;
}

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628 §3.2: the interval when the server names none, and §3.5: the step added on slow_down. */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_STEP_MS = 5000;
/** A dropped connection or a 5xx while polling is retried at the next poll, but not forever. */
const MAX_TRANSIENT_FAILURES = 3;

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** The device-authorization flow (SPEC §3.7): starts it and polls for the token in the background. */
export async function startDeviceCodeSignIn(
  options: StartDeviceCodeSignInOptions,
): Promise<DeviceCodeSignIn> {
  const { oidc, session, registration, clock, sleep = defaultSleep } = options;
  let started;
  try {
    started = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl: session.startUrl,
      }),
    );
  } catch (error) {
    throw toOidcError(error, 'device-code');
  }
  const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval } = started;
  if (!deviceCode || !userCode || !verificationUri || expiresIn === undefined) {
    throw new ServiceError(
      'Identity Center returned an incomplete device authorization.',
      'Try again in a moment.',
    );
  }
  const shownUri = checkedVerificationUri(verificationUri);
  const shownUriComplete = verificationUriComplete
    ? checkedVerificationUri(verificationUriComplete)
    : shownUri;
  const deadline = new Date(clock().getTime() + expiresIn * 1000);
  const abort = new AbortController();

  async function poll(): Promise<SsoToken> {
    let intervalMs = (interval ?? DEFAULT_INTERVAL_SECONDS) * 1000;
    let transientFailures = 0;
    for (;;) {
      await sleep(intervalMs, abort.signal);
      if (clock().getTime() >= deadline.getTime()) throw deviceCodeExpired();
      try {
        const response = await oidc.send(
          new CreateTokenCommand({
            grantType: DEVICE_CODE_GRANT,
            deviceCode,
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
          }),
          { abortSignal: abort.signal },
        );
        return ssoTokenFromResponse(response, session, registration, clock);
      } catch (error) {
        const reason = serviceErrorName(error);
        if (reason === 'AuthorizationPendingException' || reason === 'SlowDownException') {
          if (reason === 'SlowDownException') intervalMs += SLOW_DOWN_STEP_MS;
          transientFailures = 0;
          continue;
        }
        if (isTransient(error) && !abort.signal.aborted && ++transientFailures < MAX_TRANSIENT_FAILURES) {
          continue;
        }
        // ExpiredTokenException and AccessDeniedException end here, with their device-code sentences.
        throw toOidcError(error, 'device-code');
      }
    }
  }

  return {
    kind: 'deviceCode',
    userCode,
    verificationUri: shownUri,
    verificationUriComplete: shownUriComplete,
    deadline,
    token: unlessCancelled(poll(), abort.signal),
    cancel: () => abort.abort(),
  };
}

function deviceCodeExpired(): SignInFailedError {
  return new SignInFailedError('The device code expired before the sign-in was approved.', undefined, {
    next: 'sign-in-again',
  });
}

/** A 5xx or a connection that failed on the way; the next poll may well succeed. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { $fault?: unknown }).$fault === 'server' || isNetworkError(error);
}
