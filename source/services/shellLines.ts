import { toIsoSeconds } from './isoTime.js';
import type { RoleCredentials } from './portal.js';

/** The shells whose lines `sso-tui env` prints: POSIX sh (bash, zsh), fish and PowerShell. */
export type EnvShell = 'sh' | 'fish' | 'powershell';

/**
 * The variables a program run as the role gets, in that order: the credentials, then with a region the
 * region's two. `env` prints them, `exec` sets them, and `c` on the credentials screen copies the four
 * credential lines.
 */
export function credentialsEnvironment(credentials: RoleCredentials, region?: string): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', toIsoSeconds(credentials.expiration)],
    ...(region === undefined
      ? []
      : ([
          ['AWS_REGION', region],
          ['AWS_DEFAULT_REGION', region],
        ] satisfies [string, string][])),
  ];
}

/** One line per variable, quoted so the shell takes every value literally. */
export function environmentLines(
  credentials: RoleCredentials,
  region: string | undefined,
  shell: EnvShell,
): string[] {
  return credentialsEnvironment(credentials, region).map(([name, value]) => assignment(shell, name, value));
}

function assignment(shell: EnvShell, name: string, value: string): string {
  switch (shell) {
    case 'sh':
      return `export ${name}='${value.replaceAll("'", `'\\''`)}'`;
    case 'fish':
      return `set -gx ${name} '${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}';`;
    case 'powershell':
      return `$Env:${name} = '${value.replaceAll("'", "''")}'`;
  }
}
