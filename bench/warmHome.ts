import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listCacheFile, writeListCache } from '../source/services/listCache.js';
import type { SsoSession } from '../source/services/ssoSession.js';
import { tokenCacheFile } from '../source/services/tokenCache.js';
import { awsCliTokenRecord, type Simulator } from '../source/simulator/index.js';

const SESSION: SsoSession = {
  name: 'bench',
  startUrl: 'https://bench.awsapps.com/start',
  region: 'eu-west-1',
  scopes: ['sso:account:access'],
};

export interface WarmHome {
  /** The environment the program runs in: this home, this config folder, this simulator. */
  readonly env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * A temporary home as a second start finds it: an [sso-session] in ~/.aws/config, a token in the shared
 * cache (written as AWS CLI v2 writes it) and the account and role lists in the program's own state
 * folder, which `conf` puts under XDG_CONFIG_HOME. Without `cachedLists`, a first start after a sign-in.
 */
export async function createWarmHome(
  simulator: Simulator,
  options: { readonly cachedLists?: boolean } = {},
): Promise<WarmHome> {
  const home = await mkdtemp(join(tmpdir(), 'sso-tui-bench-'));
  const configHome = join(home, '.config');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(
    join(home, '.aws', 'config'),
    `[sso-session ${SESSION.name}]\nsso_start_url = ${SESSION.startUrl}\nsso_region = ${SESSION.region}\n` +
      `sso_registration_scopes = ${SESSION.scopes.join(',')}\n`,
  );
  const issued = simulator.issueTokens({ lifetimeSeconds: 8 * 3600 });
  const tokenFile = tokenCacheFile(home, SESSION);
  await mkdir(dirname(tokenFile), { recursive: true });
  await writeFile(tokenFile, JSON.stringify(awsCliTokenRecord(issued, SESSION)));
  const { accounts } = simulator.organization;
  if (options.cachedLists !== false) {
    await writeListCache(listCacheFile(join(configHome, 'sso-tui'), SESSION), {
      accounts: accounts.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      roles: new Map(accounts.map((account) => [account.accountId, account.roles])),
    });
  }
  return {
    env: {
      HOME: home,
      XDG_CONFIG_HOME: configHome,
      AWS_ENDPOINT_URL_SSO_OIDC: simulator.url,
      AWS_ENDPOINT_URL_SSO: simulator.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      PATH: process.env.PATH ?? '',
      TERM: 'xterm-256color',
      // A UTF-8 terminal, as the measures read the program's own symbols (`›`, `↻`); without a locale the
      // program draws their ASCII stand-ins.
      LANG: 'C.UTF-8',
    },
    remove: () => rm(home, { recursive: true, force: true }),
  };
}
