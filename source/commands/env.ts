import { toIsoSeconds } from '../services/isoTime.js';
import type { RoleCredentials } from '../services/portal.js';
import type { CommandContext } from './context.js';
import type { CliOptions } from './options.js';
import { fetchRoleCredentials } from './roleCredentials.js';

type Shell = NonNullable<CliOptions['shell']>;

/**
 * `sso-tui env`: lines that set the role's credentials and region in the shell, for
 * `eval "$(sso-tui env …)"`.
 */
export async function env(context: CommandContext): Promise<void> {
  const { account, credentials } = await fetchRoleCredentials(context);
  const shell = context.options.shell ?? defaultShell(context);
  context.io.stdout.write(environmentLines(credentials, context.awsRegion(account.accountId), shell));
}

/** The variables a program run as the role gets (`env` prints them, `exec` sets them), in that order. */
export function credentialsEnvironment(credentials: RoleCredentials, region: string): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', toIsoSeconds(credentials.expiration)],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
  ];
}

export function environmentLines(credentials: RoleCredentials, region: string, shell: Shell): string {
  return credentialsEnvironment(credentials, region)
    .map(([name, value]) => assignment(shell, name, value) + '\n')
    .join('');
}

function assignment(shell: Shell, name: string, value: string): string {
  switch (shell) {
    case 'sh':
      return `export ${name}='${value.replaceAll("'", `'\\''`)}'`;
    case 'fish':
      return `set -gx ${name} '${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}';`;
    case 'powershell':
      return `$Env:${name} = '${value.replaceAll("'", "''")}'`;
  }
}

/** Without --shell: fish when it is the user's shell, PowerShell on Windows, else POSIX sh. */
function defaultShell(context: CommandContext): Shell {
  if (context.io.platform === 'win32') return 'powershell';
  return /(^|\/)fish$/.test(context.io.env.SHELL ?? '') ? 'fish' : 'sh';
}
