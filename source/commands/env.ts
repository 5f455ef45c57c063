import { environmentLines, type EnvShell } from '../services/shellLines.js';
import type { CommandContext } from './context.js';
import { fetchRoleCredentials } from './roleCredentials.js';

/**
 * `sso-tui env`: lines that set the role's credentials and region in the shell, for
 * `eval "$(sso-tui env …)"`.
 */
export async function env(context: CommandContext): Promise<void> {
  const { account, credentials } = await fetchRoleCredentials(context);
  const shell = context.options.shell ?? defaultShell(context);
  const lines = environmentLines(credentials, context.awsRegion(account.accountId), shell);
  context.io.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

/** Without --shell: fish when it is the user's shell, PowerShell on Windows, else POSIX sh. */
function defaultShell(context: CommandContext): EnvShell {
  if (context.io.platform === 'win32') return 'powershell';
  return /(^|\/)fish$/.test(context.io.env.SHELL ?? '') ? 'fish' : 'sh';
}
