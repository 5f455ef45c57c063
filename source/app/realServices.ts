import { homedir } from 'node:os';
import type { AppServices, SignInHandle, SessionServices, SignedIn, WarmStart } from '../flow/appServices.js';
import { ssoSessionSectionHeader, validateSsoSessionName } from '../services/awsFiles/awsConfigFile.js';
import { upsertSection } from '../services/awsFiles/iniEditor.js';
import { updateFile } from '../services/awsFiles/safeWrite.js';
import { copyToClipboard } from '../services/clipboard.js';
import { createConsoleUrl } from '../services/consoleSignIn.js';
import { SessionExpiredError } from '../services/errors.js';
import { listCacheFile, readListCache, writeListCache } from '../services/listCache.js';
import type { Portal } from '../services/portal.js';
import { populatePairs } from '../services/populate/populatePlan.js';
import { DEFAULT_PROFILE_TEMPLATE, parseProfileTemplate } from '../services/populate/profileNames.js';
import { exportSsoProfile, exportStaticProfile } from '../services/profileExport.js';
import { credentialsRegion } from '../services/regions.js';
import { configFilePath, credentialsFilePath } from '../services/sessionConfig.js';
import type { StateStore } from '../services/stateStore.js';
import {
  DEFAULT_SCOPES,
  sessionNameForProfiles,
  type SsoSession,
  type SsoToken,
} from '../services/ssoSession.js';
import { tokenCacheFile, writeCachedToken } from '../services/tokenCache.js';
import { isFresh, loadFreshToken, loadUsableToken } from '../services/tokenRefresh.js';
import { openSignInUrl } from '../commands/browse.js';
import type { Io } from '../commands/context.js';
import type { SessionCalls } from './sessionCalls.js';

export interface AppServicesOptions {
  readonly io: Io;
  readonly stateStore: StateStore;
  /** Where the lists cache lives: the program's own state folder. */
  readonly stateFolder: string;
  /** The terminal, for OSC 52. */
  readonly terminal: NodeJS.WritableStream;
  readonly callbackPort?: number;
  readonly noBrowser: boolean;
}

/** The full-screen flow's AppServices, over the same services the subcommands use. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const { io, stateStore } = options;
  const backups = new Set<string>();
  return {
    saveSession: async ({ startUrl, region, sessionName }) => {
      const name = validateSsoSessionName(sessionName);
      const session: SsoSession = { name, startUrl, region, scopes: DEFAULT_SCOPES };
      const { verifyNewSession } = await import('./sessionCalls.js');
      await verifyNewSession({ io, store: stateStore }, session);
      await updateFile(
        configFilePath(io.homeDir, io.env),
        (text) =>
          upsertSection(text, { header: ssoSessionSectionHeader(name) }, [
            ['sso_start_url', startUrl],
            ['sso_region', region],
            ['sso_registration_scopes', DEFAULT_SCOPES.join(',')],
          ]),
        { backup: backups },
      );
      return session;
    },
    forSession: (session) => sessionServices(options, session, backups),
    openUrl: async (url) => {
      const outcome = await openSignInUrl(io, url, options.noBrowser);
      return outcome === 'approvedByDemo' ? 'opened' : outcome;
    },
    copyToClipboard: (text) =>
      copyToClipboard(text, { env: io.env, platform: io.platform, terminal: options.terminal }),
    readPicks: () => stateStore.readPicks(),
    setFavorite: (accountId, favorite) => stateStore.setFavorite(accountId, favorite),
    recordPick: (pick) => stateStore.recordPick(pick, io.clock()),
    rememberProfileName: (accountId, roleName, profile) =>
      stateStore.rememberProfileName(accountId, roleName, profile),
    rememberAccountRegion: (accountId, region) => stateStore.rememberAccountRegion(accountId, region),
    exportFiles: () => ({
      credentials: shownPath(credentialsFilePath(io.homeDir, io.env)),
      config: shownPath(configFilePath(io.homeDir, io.env)),
    }),
    regionEnvironment: () => ({
      ...(io.env.AWS_REGION ? { AWS_REGION: io.env.AWS_REGION } : {}),
      ...(io.env.AWS_DEFAULT_REGION ? { AWS_DEFAULT_REGION: io.env.AWS_DEFAULT_REGION } : {}),
    }),
  };
}

/**
 * Reads, before the first frame, what lets that frame be the account list: a token that needs no refresh,
 * then the cached lists. The token comes first: without one a sign-in comes next, and the lists (a large
 * read at 100,000 accounts) would only delay its screen. Undefined when a sign-in or a refresh is due; the
 * flow then starts by checking the token on screen.
 */
export async function readWarmStart(
  services: AppServices,
  session: SsoSession,
): Promise<WarmStart | undefined> {
  const forSession = services.forSession(session);
  const signIn = await forSession.freshToken().catch(() => undefined);
  if (!signIn) return undefined;
  const lists = await forSession.readCachedLists().catch(() => undefined);
  return { sessionServices: forSession, signIn, ...(lists ? { lists } : {}) };
}

function sessionServices(
  options: AppServicesOptions,
  session: SsoSession,
  backups: Set<string>,
): SessionServices {
  const { io, stateStore } = options;
  const tokenFile = tokenCacheFile(io.homeDir, session);
  const listsFile = listCacheFile(options.stateFolder, session);
  let calls: Promise<SessionCalls> | undefined;
  const sdk = (): Promise<SessionCalls> =>
    (calls ??= import('./sessionCalls.js').then(({ createSessionCalls }) =>
      createSessionCalls({ io, store: stateStore, ...callbackPort(options) }, session),
    ));
  let token: SsoToken | undefined;

  const signedIn = (signed: SsoToken): SignedIn => {
    token = signed;
    return { expiresAt: signed.expiresAt };
  };
  let renewing: Promise<SsoToken> | undefined;
  /** One renewal at a time; another process may have renewed the token already (see loadUsableToken). */
  const renew = (): Promise<SsoToken> => {
    if (!token) throw new SessionExpiredError('You are not signed in.');
    renewing ??= loadUsableToken({
      file: tokenFile,
      refresher: async () => (await sdk()).refresh,
      clock: io.clock,
    })
      .then((check) => {
        if (check.kind !== 'usable') throw new SessionExpiredError('Your sign-in has ended.');
        token = check.token;
        return check.token;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
  /** The token, renewed first when it is due. */
  const currentToken = async (): Promise<SsoToken> => {
    if (token && isFresh(token, io.clock().getTime())) return token;
    return renew();
  };
  const portal = async (): Promise<Portal> => (await sdk()).portal((await currentToken()).accessToken);

  return {
    loadToken: async () => {
      const check = await loadUsableToken({
        file: tokenFile,
        refresher: async () => (await sdk()).refresh,
        clock: io.clock,
      });
      return check.kind === 'usable' ? signedIn(check.token) : undefined;
    },
    renewToken: async () => ({ expiresAt: (await renew()).expiresAt }),
    freshToken: async () => {
      const loaded = await loadFreshToken(tokenFile, io.clock);
      return loaded ? signedIn(loaded) : undefined;
    },
    startSignIn: async (method): Promise<SignInHandle> => {
      const { token, ...handle } = await (await sdk()).startSignIn(method);
      const cached = token.then(async (signed) => {
        await writeCachedToken(tokenFile, signed);
        return signedIn(signed);
      });
      return { ...handle, signedIn: cached };
    },
    readCachedLists: () => readListCache(listsFile),
    writeCachedLists: (lists) => writeListCache(listsFile, lists),
    listAccounts: async (onPage) => (await portal()).eachAccountPage(onPage),
    listRoles: async (accountIds, onRoles) => {
      await (await portal()).eachAccountRoles(accountIds, onRoles);
    },
    getCredentials: async (accountId, roleName) => (await portal()).getRoleCredentials(accountId, roleName),
    exportProfile: async (request) => {
      const common = { profile: request.profile, force: request.force, backups };
      const written =
        request.target === 'static'
          ? await exportStaticProfile({
              ...common,
              file: credentialsFilePath(io.homeDir, io.env),
              credentials: request.credentials,
            })
          : await exportSsoProfile({
              ...common,
              file: configFilePath(io.homeDir, io.env),
              ssoSession: sessionNameForProfiles(session),
              accountId: request.account.accountId,
              roleName: request.roleName,
              region: request.region,
            });
      return { file: written.file, profile: written.profile };
    },
    populateProfiles: async (pairs) => {
      const ssoSession = sessionNameForProfiles(session);
      const file = configFilePath(io.homeDir, io.env);
      const plan = await populatePairs(
        file,
        {
          ssoSession,
          region: credentialsRegion({ env: io.env, identityCenterRegion: session.region }).region,
          template: parseProfileTemplate(DEFAULT_PROFILE_TEMPLATE),
          pairs: pairs.map(({ account, roleName }) => ({
            accountId: account.accountId,
            accountName: account.accountName,
            roleName,
          })),
          prune: false,
          listingComplete: false,
        },
        { dryRun: false, backups },
      );
      return {
        file,
        added: plan.added.length,
        changed: plan.changed.length,
        unchanged: plan.unchanged,
        clashes: plan.clashes.length,
      };
    },
    consoleUrl: (credentials, region) => createConsoleUrl({ credentials, region, env: io.env }),
  };
}

function callbackPort(options: AppServicesOptions): { callbackPort?: number } {
  return options.callbackPort === undefined ? {} : { callbackPort: options.callbackPort };
}

/** A path as the user knows it: under the real home folder, from `~` (the demo's sandbox is elsewhere). */
function shownPath(path: string): string {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
