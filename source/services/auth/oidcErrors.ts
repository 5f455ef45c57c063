import { LoginFailedError, ServiceError } from '../errors.js';

/** What was being asked of the OIDC API when it refused; the same error name means different things. */
export type OidcStep = 'register' | 'authorization-code' | 'device-code';

const LOGIN_AGAIN = 'Run `sso-tui login` again.';
const CHECK_SETTINGS = 'Check the start URL and the region, then run `sso-tui login` again.';

/**
 * Identity Center refused a sign-in step. `reason` is the SDK's error name (InvalidClientException…) so a
 * caller can react to it, e.g. drop a cached registration on InvalidClientException.
 */
export class OidcError extends LoginFailedError {
  override readonly name = 'OidcError';
  constructor(
    readonly reason: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
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
  const [message, hint] = describe(reason, step);
  if (reason === 'InternalServerException') return new ServiceError(message, hint);
  return new OidcError(reason, message, hint);
}

export function serviceErrorName(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const fault = (error as { $fault?: unknown }).$fault;
  return fault === 'client' || fault === 'server' ? error.name : undefined;
}

function describe(reason: string, step: OidcStep): [string, string] {
  switch (reason) {
    case 'AccessDeniedException':
      return ['The sign-in was denied.', 'Run `sso-tui login` again and approve the request in the browser.'];
    case 'ExpiredTokenException':
      return step === 'device-code'
        ? ['The device code expired before the sign-in was approved.', LOGIN_AGAIN]
        : ['The sign-in took too long and expired.', LOGIN_AGAIN];
    case 'InvalidGrantException':
      return ['Identity Center did not accept the sign-in code.', LOGIN_AGAIN];
    case 'InvalidClientException':
      return ['The app registration with Identity Center is no longer valid.', LOGIN_AGAIN];
    case 'UnauthorizedClientException':
    case 'UnsupportedGrantTypeException':
      return step === 'authorization-code'
        ? ['This Identity Center does not allow browser sign-in with a redirect.', 'Try `--device-code`.']
        : ['This Identity Center does not allow this sign-in method.', 'Ask your administrator.'];
    case 'InvalidScopeException':
      return [
        'Identity Center rejected the requested scopes.',
        'Check `sso_registration_scopes` in ~/.aws/config.',
      ];
    case 'InvalidRequestRegionException':
      return [
        'The Identity Center region does not match the start URL.',
        'Check `sso_region` and `--region`.',
      ];
    case 'InvalidClientMetadataException':
    case 'InvalidRedirectUriException':
      return ['Identity Center rejected the app registration.', CHECK_SETTINGS];
    case 'InternalServerException':
      return ['Identity Center had an internal error.', 'Try again in a moment.'];
    default:
      return ['Identity Center rejected the sign-in request.', CHECK_SETTINGS];
  }
}
