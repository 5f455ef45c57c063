import { describeError, type NextStepWords } from '../services/errors.js';

/** The command line's words for what to do next: it names its subcommands and flags. */
export const CLI_NEXT_STEPS: NextStepWords = {
  'sign-in': 'Run `sso-tui login`.',
  'sign-in-again': 'Run `sso-tui login` again.',
  'approve-sign-in': 'Run `sso-tui login` again and approve the request in the browser.',
  'use-device-code': 'Try `--device-code`.',
  'check-settings': 'Check the start URL and the region, then run `sso-tui login` again.',
  'replace-profile': 'Pass --force to replace it.',
  'choose-callback-port': 'Choose another port with --callback-port.',
  'give-region': 'Pass --region with --start-url.',
  'configure-session':
    'Pass --start-url and --region, or add an [sso-session NAME] section with sso_start_url and sso_region.',
  'choose-session': 'Choose one with --sso-session.',
  'name-session': 'Choose one with --sso-session instead of --start-url.',
  'rerun-with-debug': 'Run again with --debug for details.',
};

/** The one line the command line prints for an error. */
export function cliErrorLine(error: unknown): string {
  return describeError(error, CLI_NEXT_STEPS);
}
