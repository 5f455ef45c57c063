import { describeAccount } from './accountChoice.js';
import { createConsoleUrl } from '../services/consoleSignIn.js';
import { UserError } from '../services/errors.js';
import { terminalText } from '../services/terminalText.js';
import { openUnlessTold } from './browse.js';
import type { CommandContext } from './context.js';
import { fetchRoleCredentials } from './roleCredentials.js';

/**
 * `sso-tui console`: signs a browser into the AWS console as the role. The URL carries a sign-in token, so
 * it is printed only when asked (--print). The console opens in AWS_REGION, else the Identity Center region.
 */
export async function consoleCommand(context: CommandContext): Promise<void> {
  const { io, options } = context;
  const { account, roleName, credentials } = await fetchRoleCredentials(context);
  const url = await createConsoleUrl({
    credentials,
    region: context.awsRegion(account.accountId),
    env: io.env,
  });
  if (options.print) {
    io.stdout.write(`${terminalText(url)}\n`);
    return;
  }
  const outcome = await openUnlessTold(io, url, options.noBrowser);
  if (outcome !== 'opened') {
    throw new UserError(
      'No browser could be opened for the AWS console here.',
      'Use --print to get the sign-in URL.',
    );
  }
  io.stderr.write(
    `Opened the AWS console as ${terminalText(roleName)} in ${terminalText(describeAccount(account))}.\n`,
  );
}
