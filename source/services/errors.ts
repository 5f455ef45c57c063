/**
 * Errors a user can act on. Each carries one sentence saying what went wrong and a hint saying what to do;
 * `describeError` turns any thrown value into the one line the UI and the subcommands show.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad flags or arguments: exit code 2. */
export class UsageError extends UserError {
  override readonly name: string = 'UsageError';
}

/** The sign-in session is gone (no token, expired, revoked, 401 from the portal). */
export class SessionExpiredError extends UserError {
  override readonly name: string = 'SessionExpiredError';
  constructor(message = 'Your sign-in session has expired or was revoked.', hint = 'Run `sso-tui login`.') {
    super(message, hint);
  }
}

/**
 * Identity Center refused to renew the sign-in with its refresh token (the session it belongs to has ended,
 * was revoked, or the client registration behind it is no longer valid): only a new sign-in helps.
 * `reason` is the service's error name.
 */
export class RefreshRefusedError extends SessionExpiredError {
  override readonly name: string = 'RefreshRefusedError';
  constructor(readonly reason: string) {
    super(`Identity Center refused to renew the sign-in (${reason}): it has ended.`);
  }
}

/** Renewing the sign-in failed for a reason that may pass (network, a service error): trying again may work. */
export class RefreshFailedError extends UserError {
  override readonly name: string = 'RefreshFailedError';
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Could not renew the sign-in: ${detail}.`, 'Check the network and try again.', options);
  }
}

/** The user or the identity provider refused the sign-in (access_denied, expired device code…). */
export class LoginFailedError extends UserError {
  override readonly name: string = 'LoginFailedError';
}

/** The service kept throttling or failing after every retry. */
export class ServiceError extends UserError {
  override readonly name: string = 'ServiceError';
}

/** The user pressed Esc or Ctrl-C, or the caller aborted. */
export class CancelledError extends UserError {
  override readonly name: string = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** The one line a user sees for an error: the sentence, then the hint. */
export function describeError(error: unknown): string {
  if (error instanceof UserError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  if (error instanceof Error && isNetworkError(error)) {
    return `Could not reach the Identity Center endpoint (${error.message}). Check the network and the region.`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Unexpected error: ${detail}. Run again with --debug for details.`;
}

/** A failure to reach the service at all, as opposed to an answer from it. */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(code)
  );
}

/** Identity Center does not grant the account or role asked for (403/404 from the portal). */
export class NotGrantedError extends UserError {
  override readonly name: string = 'NotGrantedError';
}

/**
 * Every argument a user typed that an error echoes back goes through here, so that the terminal sanitizer
 * covers them all from one place.
 */
export function quoted(text: string): string {
  return `'${text}'`;
}
