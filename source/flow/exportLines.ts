import type { RoleCredentials } from '../services/portal.js';

/** The `export …` lines `c` copies on the credentials screen, for sh, bash and zsh (as `sso-tui env`). */
export function exportLines(credentials: RoleCredentials): string {
  return [
    `export AWS_ACCESS_KEY_ID=${quote(credentials.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${quote(credentials.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${quote(credentials.sessionToken)}`,
    `export AWS_CREDENTIAL_EXPIRATION=${credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  ].join('\n');
}

/** Single quotes keep `+`, `/` and `=` of a session token literal in every POSIX shell. */
function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
