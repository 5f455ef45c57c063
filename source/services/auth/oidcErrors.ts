import { SignInFailedError, ServiceError, type NextStep } from '../errors.js';

/** What was being asked of the OIDC API when it refused; the same error name means different things. */
export type OidcStep = 'register' | 'authorization-code' | 'device-code';

/**
 * Identity Center refused a sign-in step. `reason` is the SDK's error name (InvalidClientException…) so a
 * caller can react to it, e.g. drop a cached registration on InvalidClientException.
 */
export class OidcError extends SignInFailedError {
  override readonly name = 'OidcError';
  constructor(
    readonly reason: string,
    described: Described,
  ) {
    super(described.message, described.hint, described.next === undefined ? {} : { next: described.next });
  }
}

/**
 * Turns an SSO-OIDC SDK error into a typed error with one user sentence. Only the error's name is used: the
 * service's own message may echo request fields, and requests carry codes and client secrets.
 * Anything that is not a service error (network failures, aborts) is returned unchanged.
 */
export function toOidcError(error: unknown, step: OidcStep): unknown {
  const reason = serviceErrorName(error);
  if (reason === undefined) return error;
  const described = describe(reason, step);
  if (reason === 'InternalServerException') return new ServiceError(described.message, described.hint);
  return new OidcError(reason, described);
}

export function serviceErrorName(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const fault = (error as { $fault?: unknown }).$fault;
  return fault === 'client' || fault === 'server' ? error.name : undefined;
}

interface Described {
  readonly message: string;
  readonly hint?: string;
  readonly next?: NextStep;
}

function describe(reason: string, step: OidcStep): Described {
  switch (reason) {
    case 'AccessDeniedException':
      return { message: 'The sign-in was denied.', next: 'approve-sign-in' };
    case 'ExpiredTokenException':
      return step === 'device-code'
        ? { message: 'The device code expired before the sign-in was approved.', next: 'sign-in-again' }
        : { message: 'The sign-in took too long and expired.', next: 'sign-in-again' };
    case 'InvalidGrantException':
      return { message: 'Identity Center did not accept the sign-in code.', next: 'sign-in-again' };
    case 'InvalidClientException':
      return {
        message: 'The app registration with Identity Center is no longer valid.',
        next: 'sign-in-again',
      };
    case 'UnauthorizedClientException':
    case 'UnsupportedGrantTypeException':
      return step === 'authorization-code'
        ? {
            message: 'This Identity Center does not allow browser sign-in with a redirect.',
            next: 'use-device-code',
          }
        : {
            message: 'This Identity Center does not allow this sign-in method.',
            hint: 'Ask your administrator.',
          };
    case 'InvalidScopeException':
      return {
        message: 'Identity Center rejected the requested scopes.',
        hint: 'Check `sso_registration_scopes` in ~/.aws/config.',
      };
    case 'InvalidRequestRegionException':
      return { message: 'The Identity Center region does not match the start URL.', next: 'check-settings' };
    case 'InvalidClientMetadataException':
    case 'InvalidRedirectUriException':
      return { message: 'Identity Center rejected the app registration.', next: 'check-settings' };
    case 'InternalServerException':
      return { message: 'Identity Center had an internal error.', hint: 'Try again in a moment.' };
    default:
      return { message: 'Identity Center rejected the sign-in request.', next: 'check-settings' };
  }
}
