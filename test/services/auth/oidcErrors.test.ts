import {
  AccessDeniedException,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidGrantException,
  InvalidRequestException,
  UnauthorizedClientException,
} from '@aws-sdk/client-sso-oidc';
import { describe, expect, it } from 'vitest';
import { OidcError, serviceErrorName, toOidcError } from '../../../source/services/auth/oidcErrors.js';
import { SignInFailedError, ServiceError } from '../../../source/services/errors.js';

const SECRET_ECHO = 'clientSecret=s3cr3t code=c0de';
const metadata = { $metadata: {}, message: SECRET_ECHO };

describe('toOidcError', () => {
  it.each([
    [new AccessDeniedException(metadata), 'device-code', 'The sign-in was denied.'],
    [
      new ExpiredTokenException(metadata),
      'device-code',
      'The device code expired before the sign-in was approved.',
    ],
    [new ExpiredTokenException(metadata), 'authorization-code', 'The sign-in took too long and expired.'],
    [
      new InvalidGrantException(metadata),
      'authorization-code',
      'Identity Center did not accept the sign-in code.',
    ],
    [
      new InvalidClientException(metadata),
      'authorization-code',
      'The app registration with Identity Center is no longer valid.',
    ],
    [
      new UnauthorizedClientException(metadata),
      'authorization-code',
      'This Identity Center does not allow browser sign-in with a redirect.',
    ],
    [new InvalidRequestException(metadata), 'register', 'Identity Center rejected the sign-in request.'],
  ] as const)('turns %s during %s into a SignInFailedError with one sentence', (error, step, sentence) => {
    const mapped = toOidcError(error, step);
    expect(mapped).toBeInstanceOf(OidcError);
    expect(mapped).toBeInstanceOf(SignInFailedError);
    expect((mapped as OidcError).reason).toBe(error.name);
    expect((mapped as OidcError).message).toBe(sentence);
    expect((mapped as OidcError).hint ?? (mapped as OidcError).next).toBeTruthy();
    // A hint is shown by every front end as it is: it names no subcommand and no flag.
    expect((mapped as OidcError).hint ?? '').not.toMatch(/sso-tui|--/);
  });

  it('never repeats what the service said, which may echo the request', () => {
    for (const error of [new InvalidGrantException(metadata), new InternalServerException(metadata)]) {
      const mapped = toOidcError(error, 'authorization-code') as SignInFailedError;
      expect(`${mapped.message} ${mapped.hint}`).not.toMatch(/s3cr3t|c0de/);
    }
  });

  it('makes a service fault a ServiceError', () => {
    expect(toOidcError(new InternalServerException(metadata), 'device-code')).toBeInstanceOf(ServiceError);
  });

  it('passes through what is not a service error, such as a network failure', () => {
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toOidcError(network, 'register')).toBe(network);
  });
});

/** A service error as the SDK throws it: a name, and who is at fault. */
function serviceError(name: string, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(SECRET_ECHO), { name, $fault: fault });
}

describe('what each refusal tells the user to do', () => {
  it.each([
    ['AccessDeniedException', 'device-code', 'The sign-in was denied.', { next: 'approve-sign-in' }],
    [
      'ExpiredTokenException',
      'device-code',
      'The device code expired before the sign-in was approved.',
      { next: 'sign-in-again' },
    ],
    [
      'ExpiredTokenException',
      'authorization-code',
      'The sign-in took too long and expired.',
      { next: 'sign-in-again' },
    ],
    [
      'InvalidGrantException',
      'authorization-code',
      'Identity Center did not accept the sign-in code.',
      { next: 'sign-in-again' },
    ],
    [
      'InvalidClientException',
      'device-code',
      'The app registration with Identity Center is no longer valid.',
      { next: 'sign-in-again' },
    ],
    [
      'UnauthorizedClientException',
      'authorization-code',
      'This Identity Center does not allow browser sign-in with a redirect.',
      { next: 'use-device-code' },
    ],
    [
      'UnsupportedGrantTypeException',
      'authorization-code',
      'This Identity Center does not allow browser sign-in with a redirect.',
      { next: 'use-device-code' },
    ],
    [
      'UnsupportedGrantTypeException',
      'device-code',
      'This Identity Center does not allow this sign-in method.',
      { hint: 'Ask your administrator.' },
    ],
    [
      'UnauthorizedClientException',
      'register',
      'This Identity Center does not allow this sign-in method.',
      { hint: 'Ask your administrator.' },
    ],
    [
      'InvalidScopeException',
      'register',
      'Identity Center rejected the requested scopes.',
      { hint: 'Check `sso_registration_scopes` in ~/.aws/config.' },
    ],
    [
      'InvalidRequestRegionException',
      'register',
      'The Identity Center region does not match the start URL.',
      { next: 'check-settings' },
    ],
    [
      'InvalidClientMetadataException',
      'register',
      'Identity Center rejected the app registration.',
      { next: 'check-settings' },
    ],
    [
      'InvalidRedirectUriException',
      'register',
      'Identity Center rejected the app registration.',
      { next: 'check-settings' },
    ],
    [
      'SomethingNewException',
      'device-code',
      'Identity Center rejected the sign-in request.',
      { next: 'check-settings' },
    ],
  ] as const)('%s during %s: "%s"', (name, step, message, advice) => {
    const mapped = toOidcError(serviceError(name), step) as OidcError;
    expect(mapped).toBeInstanceOf(OidcError);
    // The name --debug and a stack trace show.
    expect(mapped.name).toBe('OidcError');
    expect({ reason: mapped.reason, message: mapped.message, hint: mapped.hint, next: mapped.next }).toEqual({
      reason: name,
      message,
      hint: undefined,
      next: undefined,
      ...advice,
    });
  });

  it('asks to try again in a moment after an internal error, as a ServiceError', () => {
    const mapped = toOidcError(serviceError('InternalServerException', 'server'), 'register');
    expect(mapped).toBeInstanceOf(ServiceError);
    expect(mapped).not.toBeInstanceOf(OidcError);
    expect(mapped).toMatchObject({
      message: 'Identity Center had an internal error.',
      hint: 'Try again in a moment.',
    });
  });

  it('names a service error by the SDK’s name whoever is at fault, and nothing else', () => {
    expect(serviceErrorName(serviceError('SlowDownException', 'client'))).toBe('SlowDownException');
    expect(serviceErrorName(serviceError('InternalServerException', 'server'))).toBe(
      'InternalServerException',
    );
    expect(serviceErrorName(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBeUndefined();
    expect(serviceErrorName({ name: 'SlowDownException', $fault: 'client' })).toBeUndefined();
    expect(toOidcError('a string', 'register')).toBe('a string');
  });
});
