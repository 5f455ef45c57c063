import { describeError, type NextStepWords } from '../services/errors.js';

/**
 * The full screen's words for what to do next. Its error screen shows `r retry` and the sign-in screen
 * starts over on it, so "sign in again" needs no sentence here; no subcommand is named, as none runs here.
 */
export const SCREEN_NEXT_STEPS: NextStepWords = {
  'sign-in': 'Sign in to continue.',
  'sign-in-again': '',
  'approve-sign-in': 'Approve the request in the browser when you try again.',
  'use-device-code': 'Start sso-tui with --device-code to sign in with a code instead.',
  'check-settings': 'Check the start URL and the region.',
  'replace-profile': 'Confirm to replace it.',
  'choose-callback-port': 'Start sso-tui with another --callback-port.',
  'give-region': 'Start sso-tui with --region as well as --start-url.',
  'configure-session':
    'Add an [sso-session NAME] section with sso_start_url and sso_region, or start sso-tui with --start-url and --region.',
  'choose-session': 'Start sso-tui with --sso-session to choose one.',
  'name-session': 'Start sso-tui with --sso-session instead of --start-url.',
  'rerun-with-debug': 'Start sso-tui with --debug for details.',
};

/** The one line the full screen shows for an error. */
export function screenErrorLine(error: unknown): string {
  return describeError(error, SCREEN_NEXT_STEPS);
}
