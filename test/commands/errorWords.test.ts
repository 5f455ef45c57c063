import { describe, expect, it } from 'vitest';
import { cliErrorLine } from '../../source/commands/errorWords.js';
import {
  CancelledError,
  SignInFailedError,
  ProfileExistsError,
  SessionExpiredError,
  UserError,
} from '../../source/services/errors.js';
import { screenErrorLine } from '../../source/ui/errorWords.js';

describe('one reason, two front ends', () => {
  const denied = new SignInFailedError('The sign-in was denied.', undefined, { next: 'approve-sign-in' });

  it('the command line names its subcommand; the full screen leaves retrying to its key', () => {
    expect(cliErrorLine(denied)).toBe(
      'The sign-in was denied. Run `sso-tui login` again and approve the request in the browser.',
    );
    expect(screenErrorLine(denied)).toBe(
      'The sign-in was denied. Approve the request in the browser when you try again.',
    );
    const timedOut = new SignInFailedError('Sign-in timed out.', undefined, { next: 'sign-in-again' });
    expect(cliErrorLine(timedOut)).toBe('Sign-in timed out. Run `sso-tui login` again.');
    expect(screenErrorLine(timedOut)).toBe('Sign-in timed out.');
  });

  it('says --force on the command line only', () => {
    const exists = new ProfileExistsError('dev', '/home/u/.aws/config');
    expect(cliErrorLine(exists)).toBe(
      "The profile 'dev' already exists in /home/u/.aws/config. Pass --force to replace it.",
    );
    expect(screenErrorLine(exists)).not.toContain('--force');
    expect(cliErrorLine(new SessionExpiredError())).toBe(
      'Your sign-in session has expired or was revoked. Run `sso-tui login`.',
    );
  });

  it('names the flags on the command line, and how to start sso-tui on the full screen', () => {
    const taken = new UserError('Port 8400 is already in use.', undefined, { next: 'choose-callback-port' });
    expect(cliErrorLine(taken)).toBe(
      'Port 8400 is already in use. Choose another port with --callback-port.',
    );
    expect(screenErrorLine(taken)).toBe(
      'Port 8400 is already in use. Start sso-tui with another --callback-port.',
    );
    const several = new UserError('Several SSO sessions are configured.', 'Configured: corp, lab.', {
      next: 'choose-session',
    });
    expect(cliErrorLine(several)).toBe(
      'Several SSO sessions are configured. Configured: corp, lab. Choose one with --sso-session.',
    );
    expect(cliErrorLine(new Error('boom'))).toBe(
      'Unexpected error: boom. Run again with --debug for details.',
    );
    expect(screenErrorLine(new Error('boom'))).toBe(
      'Unexpected error: boom. Start sso-tui with --debug for details.',
    );
  });

  it('shows a plain hint the same on both, after the sentence', () => {
    const error = new UserError('The file is locked.', 'Try again once the other program is done.');
    expect(cliErrorLine(error)).toBe('The file is locked. Try again once the other program is done.');
    expect(screenErrorLine(error)).toBe(cliErrorLine(error));
  });

  it('keeps cancellation out of the error family', () => {
    const cancelled = new CancelledError('The sign-in was cancelled.');
    expect(cancelled).not.toBeInstanceOf(UserError);
    expect(cliErrorLine(cancelled)).toBe('The sign-in was cancelled.');
  });
});
