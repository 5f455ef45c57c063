import { toIsoSeconds } from '../services/isoTime.js';
import { terminalJson } from '../services/terminalText.js';
import type { CommandContext } from './context.js';
import { fetchRoleCredentials } from './roleCredentials.js';

/** `sso-tui credential-process`: the JSON the AWS SDKs and CLI read from a `credential_process` command. */
export async function credentialProcess(context: CommandContext): Promise<void> {
  const { credentials } = await fetchRoleCredentials(context);
  context.io.stdout.write(
    terminalJson({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: toIsoSeconds(credentials.expiration),
    }) + '\n',
  );
}
