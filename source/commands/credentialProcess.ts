import {
  cachedCredentials,
  credentialCacheFile,
  writeCachedCredentials,
} from '../services/credentialCache.js';
import { accountIdFromCache, credentialProcessJson } from './cachedCredentials.js';
import type { CommandContext } from './context.js';
import { fetchRoleCredentials } from './roleCredentials.js';

/**
 * `sso-tui credential-process`: the role's credentials as the AWS SDKs and CLI read them, from the cache
 * while they are good for 15 more minutes (see printCachedCredentials for the quick path). Processes
 * started together for one role share one fetch; `--no-cache` always fetches.
 */
export async function credentialProcess(context: CommandContext): Promise<void> {
  const { options, io, session, stateFolder } = context;
  if (options.noCache) {
    io.stdout.write(credentialProcessJson((await fetchRoleCredentials(context)).credentials));
    return;
  }
  const accountId = options.account
    ? await accountIdFromCache(stateFolder, session, options.account, io.clock)
    : undefined;
  if (accountId && options.role) {
    const file = credentialCacheFile(stateFolder, session, accountId, options.role);
    const credentials = await cachedCredentials(
      file,
      io.clock,
      async () => (await fetchRoleCredentials(context, accountId)).credentials,
    );
    context.redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
    io.stdout.write(credentialProcessJson(credentials));
    return;
  }
  // A name the cached lists do not settle: the portal looks it up, then the answer is cached by id.
  const fetched = await fetchRoleCredentials(context);
  await writeCachedCredentials(
    credentialCacheFile(stateFolder, session, fetched.account.accountId, fetched.roleName),
    fetched.credentials,
  );
  io.stdout.write(credentialProcessJson(fetched.credentials));
}
