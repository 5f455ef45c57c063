import { CommandStartError, runChildCommand } from '../services/childCommand.js';
import type { Environment } from '../services/endpoints.js';
import { UsageError } from '../services/errors.js';
import { cliErrorLine } from './errorWords.js';
import type { RoleCredentials } from '../services/portal.js';
import { credentialsEnvironment } from '../services/shellLines.js';
import { terminalText } from '../services/terminalText.js';
import type { CommandContext } from './context.js';
import { fetchRoleCredentials } from './roleCredentials.js';

/** Variables that would make the child's SDK pick a profile instead of the credentials given to it. */
const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

/**
 * `sso-tui exec --account A --role R -- CMD [ARGS…]`: runs CMD with the role's credentials and region in
 * its environment and answers its exit code (128 + n when signal n ended it).
 */
export async function exec(context: CommandContext): Promise<number> {
  const [command, ...args] = context.options.commandLine;
  if (command === undefined || command === '') {
    throw new UsageError(
      '`sso-tui exec` needs a command to run after `--`.',
      'For example: sso-tui exec --account A --role R -- aws sts get-caller-identity',
    );
  }
  const { account, credentials } = await fetchRoleCredentials(context);
  const region = context.awsRegion(account.accountId);
  try {
    return await runChildCommand(
      command,
      args,
      commandEnvironment(context.io.env, credentials, region),
      process,
    );
  } catch (error) {
    // As a shell does: 127 for a command that does not exist, 126 for one that cannot be run.
    if (!(error instanceof CommandStartError)) throw error;
    context.io.stderr.write(`sso-tui: ${terminalText(cliErrorLine(error))}\n`);
    return error.exitCode;
  }
}

export function commandEnvironment(
  base: Environment,
  credentials: RoleCredentials,
  region: string,
): Environment {
  const env: Record<string, string | undefined> = { ...base };
  for (const name of PROFILE_VARIABLES) delete env[name];
  return { ...env, ...Object.fromEntries(credentialsEnvironment(credentials, region)) };
}
