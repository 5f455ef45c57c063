import { terminalText } from './terminalText.js';

/**
 * What a user can do about an error when only a front end can say it: the command line names its
 * subcommands and flags, the full screen its keys. Services name the step; each front end words every step
 * (`commands/errorWords.ts`, `ui/errorWords.ts`).
 */
export type NextStep =
  /** Sign in (there is no sign-in, or it has ended). */
  | 'sign-in'
  /** The sign-in under way failed; a new one may work. */
  | 'sign-in-again'
  /** The sign-in was refused in the browser; a new one works once approved there. */
  | 'approve-sign-in'
  /** This Identity Center refuses the browser redirect; the device-code sign-in may work. */
  | 'use-device-code'
  /** Identity Center refused the app's request: the start URL or the region is likely wrong. */
  | 'check-settings'
  /** The profile exists already; it is replaced only when the user says so. */
  | 'replace-profile'
  /** The sign-in's fixed callback port cannot be listened on; another may work. */
  | 'choose-callback-port'
  /** A start URL was given without the Identity Center region it belongs to. */
  | 'give-region'
  /** No SSO session is configured: one is given, or written to the config file. */
  | 'configure-session'
  /** Several SSO sessions are configured and none was chosen. */
  | 'choose-session'
  /** SSO profiles point at a named [sso-session]; a session given by start URL alone has none. */
  | 'name-session'
  /** Something failed that no sentence was written for: the debug output says what. */
  | 'rerun-with-debug';

/** A front end's words for every next step ('' when its screen already shows the way, as a retry key). */
export type NextStepWords = Readonly<Record<NextStep, string>>;

/**
 * Errors a user can act on. Each carries one sentence saying what went wrong, and what to do as a hint any
 * front end can show as it is, or as a `next` step each front end words its own way.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly next: NextStep | undefined;
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown; next?: NextStep },
  ) {
    super(message, options);
    this.next = options?.next;
  }
}

/** Bad flags or arguments: exit code 2. */
export class UsageError extends UserError {
  override readonly name: string = 'UsageError';
}

/** The sign-in session is gone (no token, expired, revoked, 401 from the portal). */
export class SessionExpiredError extends UserError {
  override readonly name: string = 'SessionExpiredError';
  constructor(message = 'Your sign-in session has expired or was revoked.') {
    super(message, undefined, { next: 'sign-in' });
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
export class SignInFailedError extends UserError {
  override readonly name: string = 'SignInFailedError';
}

/** The service kept throttling or failing after every retry. */
export class ServiceError extends UserError {
  override readonly name: string = 'ServiceError';
}

/**
 * The user pressed Esc or Ctrl-C, or the caller aborted: not a failure, so outside the UserError family
 * (nothing to word, nothing to hint); a front end ends quietly on it.
 */
export class CancelledError extends Error {
  override readonly name: string = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** The one line a user sees for an error: the sentence, the hint, then the next step in `words`. */
export function describeError(error: unknown, words: NextStepWords): string {
  if (error instanceof UserError) {
    const next = error.next === undefined ? '' : words[error.next];
    return [error.message, error.hint, next].filter(Boolean).join(' ');
  }
  if (error instanceof CancelledError) return error.message;
  if (error instanceof Error && isNetworkError(error)) {
    return `Could not reach the Identity Center endpoint (${error.message}). Check the network and the region.`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return [`Unexpected error: ${detail}.`, words['rerun-with-debug']].filter(Boolean).join(' ');
}

/** A failure to reach the service at all, as opposed to an answer from it. */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(code)
  );
}

/** The profile is already in the file; it is replaced only when the user says so (--force, or a yes). */
export class ProfileExistsError extends UserError {
  override readonly name: string = 'ProfileExistsError';
  constructor(
    readonly profile: string,
    readonly file: string,
  ) {
    super(`The profile '${profile}' already exists in ${file}.`, undefined, { next: 'replace-profile' });
  }
}

/** Identity Center does not grant the account or role asked for (403/404 from the portal). */
export class NotGrantedError extends UserError {
  override readonly name: string = 'NotGrantedError';
}

/**
 * Every argument a user typed that an error echoes back goes through here, quoted and sanitized: the error
 * may be shown by the full screen as well as by the command line.
 */
export function quoted(text: string): string {
  return `'${terminalText(text)}'`;
}
