import { chooseAccount, isAccountId } from './accountChoice.js';
import { credentialCacheFile, readCachedCredentials } from '../services/credentialCache.js';
import { toIsoSeconds } from '../services/isoTime.js';
import { listCacheFile, readFreshListCache } from '../services/listCache.js';
import type { RoleCredentials } from '../services/portal.js';
import { chooseSession, configFilePath, readSsoSessions } from '../services/sessionConfig.js';
import type { Clock, SsoSession } from '../services/ssoSession.js';
import { stateFolderPath } from '../services/stateFolder.js';
import type { Io } from './context.js';
import type { CliOptions } from './options.js';

/** The JSON the AWS SDKs and CLI read from a `credential_process` command. */
export function credentialProcessJson(credentials: RoleCredentials): string {
  return (
    JSON.stringify({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: toIsoSeconds(credentials.expiration),
    }) + '\n'
  );
}

/**
 * The account id `--account` names: itself when it is one, else the one account of that name in the
 * session's fresh cached lists. Undefined when only the portal can tell (no fresh lists, no such name, an
 * ambiguous one): the caller then asks the portal, which words the mistake.
 */
export async function accountIdFromCache(
  stateFolder: string,
  session: SsoSession,
  wanted: string,
  clock: Clock,
): Promise<string | undefined> {
  if (isAccountId(wanted)) return wanted;
  const lists = await readFreshListCache(listCacheFile(stateFolder, session), clock());
  if (!lists) return undefined;
  try {
    return chooseAccount(lists.accounts, wanted).accountId;
  } catch {
    return undefined;
  }
}

/**
 * `credential-process` answered from the credential cache, before the AWS SDK is even loaded: SDKs run it
 * for every client they make. False when the cache cannot answer and the command must run in full.
 */
export async function printCachedCredentials(options: CliOptions, io: Io): Promise<boolean> {
  if (options.noCache || !options.account || !options.role) return false;
  const session = chooseSession(await readSsoSessions(configFilePath(io.homeDir, io.env)), {
    sessionName: options.ssoSession,
    startUrl: options.startUrl,
    region: options.region,
  });
  const stateFolder = stateFolderPath(io);
  const accountId = await accountIdFromCache(stateFolder, session, options.account, io.clock);
  if (!accountId) return false;
  const file = credentialCacheFile(stateFolder, session, accountId, options.role);
  const cached = await readCachedCredentials(file, io.clock);
  if (!cached) return false;
  io.stdout.write(credentialProcessJson(cached));
  return true;
}
