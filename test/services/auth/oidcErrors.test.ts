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
import { OidcError, toOidcError } from '../../../source/services/auth/oidcErrors.js';
import { LoginFailedError, ServiceError } from '../../../source/services/errors.js';

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
  ] as const)('turns %s during %s into a LoginFailedError with one sentence', (error, step, sentence) => {
    const mapped = toOidcError(error, step);
    expect(mapped).toBeInstanceOf(OidcError);
    expect(mapped).toBeInstanceOf(LoginFailedError);
    expect((mapped as OidcError).reason).toBe(error.name);
    expect((mapped as OidcError).message).toBe(sentence);
    expect((mapped as OidcError).hint ?? (mapped as OidcError).next).toBeTruthy();
    // A hint is shown by every front end as it is: it names no subcommand and no flag.
    expect((mapped as OidcError).hint ?? '').not.toMatch(/sso-tui|--/);
  });

  it('never repeats what the service said, which may echo the request', () => {
    for (const error of [new InvalidGrantException(metadata), new InternalServerException(metadata)]) {
      const mapped = toOidcError(error, 'authorization-code') as LoginFailedError;
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
