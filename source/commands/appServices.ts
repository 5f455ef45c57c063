import type { AppServices, LoginHandle, SessionServices, SignIn } from '../flow/appServices.js';
import { startAuthCodeLogin } from '../services/auth/authCodeLogin.js';
import { openBrowser } from '../services/auth/browser.js';
import { getClientRegistration } from '../services/auth/clientRegistration.js';
import { startDeviceCodeLogin } from '../services/auth/deviceCodeLogin.js';
import { ssoSessionSectionHeader, validateSsoSessionName } from '../services/awsFiles/awsConfigFile.js';
import { upsertSection } from '../services/awsFiles/iniEditor.js';
import { updateFile } from '../services/awsFiles/safeWrite.js';
import { createOidcClient, createPortalClient } from '../services/awsClients.js';
import { copyToClipboard } from '../services/clipboard.js';
import { createConsoleUrl } from '../services/consoleSignIn.js';
import { oidcEndpoint } from '../services/endpoints.js';
import { SessionExpiredError, UserError } from '../services/errors.js';
import { listCacheFile, readListCache, writeListCache } from '../services/listCache.js';
import { Portal } from '../services/portal.js';
import { exportSsoProfile, exportStaticProfile } from '../services/profileExport.js';
import { RateBudget } from '../services/rateBudget.js';
import { configFilePath, credentialsFilePath, defaultRegion } from '../services/sessionConfig.js';
import type { Settings } from '../services/settings.js';
import { DEFAULT_SCOPES, type SsoSession, type SsoToken } from '../services/ssoSession.js';
import { tokenCacheFile, writeCachedToken } from '../services/tokenCache.js';
import { loadUsableToken } from '../services/tokenRefresh.js';
import type { Io } from './context.js';

const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export interface AppWorld {
  readonly io: Io;
  readonly settings: Settings;
  /** Where the lists cache lives: the program's own state folder. */
  readonly stateFolder: string;
  /** The terminal, for OSC 52. */
  readonly terminal: NodeJS.WritableStream;
  readonly callbackPort?: number;
  readonly noBrowser: boolean;
}

/** The full-screen flow's view of the world, over the same services the subcommands use. */
export function createAppServices(world: AppWorld): AppServices {
  const { io, settings } = world;
  const backups = new Set<string>();
  return {
    saveSession: async ({ startUrl, region }) => {
      const name = validateSsoSessionName(sessionNameFor(startUrl));
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
      return { name, startUrl, region, scopes: DEFAULT_SCOPES };
    },
    forSession: (session) => sessionServices(world, session, backups),
    openUrl: async (url) => {
      const outcome = world.noBrowser
        ? 'headless'
        : await openBrowser(url, { env: io.env, platform: io.platform });
      if (outcome === 'opened' || !io.approveSignIn) return outcome;
      await io.approveSignIn(url);
      return 'opened';
    },
    copyToClipboard: async (text) => {
      await copyToClipboard(text, { env: io.env, platform: io.platform, terminal: world.terminal });
    },
    readPicks: () => settings.readPicks(),
    setFavorite: (accountId, favorite) => settings.setFavorite(accountId, favorite),
    recordPick: (pick) => settings.recordPick(pick, io.clock()),
    rememberProfileName: (accountId, roleName, profile) =>
      settings.rememberProfileName(accountId, roleName, profile),
  };
}

function sessionServices(world: AppWorld, session: SsoSession, backups: Set<string>): SessionServices {
  const { io, settings } = world;
  const tokenFile = tokenCacheFile(io.homeDir, session);
  const listsFile = listCacheFile(world.stateFolder, session);
  const oidc = createOidcClient(session.region, io.env);
  const portalClient = createPortalClient(session.region, io.env);
  const budget = new RateBudget();
  let token: SsoToken | undefined;

  const signedIn = (signed: SsoToken): SignIn => {
    token = signed;
    return { expiresAt: signed.expiresAt };
  };
  const portal = (): Portal => {
    if (!token) throw new SessionExpiredError('You are not signed in.', 'Sign in to continue.');
    return new Portal({ client: portalClient, accessToken: token.accessToken, budget });
  };

  return {
    loadToken: async () => {
      const loaded = await loadUsableToken({ file: tokenFile, oidc: () => oidc, clock: io.clock });
      return loaded ? signedIn(loaded) : undefined;
    },
    startLogin: async (method): Promise<LoginHandle> => {
      const grant = method === 'deviceCode' ? 'device_code' : 'authorization_code';
      const registration = await getClientRegistration({
        oidc,
        session,
        grant,
        store: settings,
        clock: io.clock,
      });
      const cache = async (login: Promise<SsoToken>): Promise<SignIn> => {
        const signed = await login;
        await writeCachedToken(tokenFile, signed);
        return signedIn(signed);
      };
      if (method === 'deviceCode') {
        const login = await startDeviceCodeLogin({ oidc, session, registration, clock: io.clock });
        return {
          kind: 'deviceCode',
          userCode: login.userCode,
          verificationUri: login.verificationUri,
          verificationUriComplete: login.verificationUriComplete,
          deadline: login.expiresAt,
          signedIn: cache(login.token),
          cancel: () => login.cancel(),
        };
      }
      const login = await startAuthCodeLogin({
        oidc,
        oidcEndpoint: oidcEndpoint(session.region, io.env),
        session,
        registration,
        callbackPort: world.callbackPort,
        timeoutMs: SIGN_IN_TIMEOUT_MS,
        clock: io.clock,
      });
      return {
        kind: 'authCode',
        authorizeUrl: login.authorizeUrl,
        redirectUri: login.redirectUri,
        deadline: new Date(io.clock().getTime() + SIGN_IN_TIMEOUT_MS),
        signedIn: cache(login.token),
        submitCallbackUrl: (text) => login.submitCallbackUrl(text),
        cancel: () => login.cancel(),
      };
    },
    readCachedLists: () => readListCache(listsFile),
    writeCachedLists: (lists) => writeListCache(listsFile, lists),
    listAccounts: (onPage) => portal().listAccounts(onPage),
    listRoles: async (accountIds, onRoles) => {
      await portal().listRolesForAccounts(accountIds, { onRoles });
    },
    getCredentials: (accountId, roleName) => portal().getRoleCredentials(accountId, roleName),
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
              ssoSession: requireSessionName(session),
              accountId: request.account.accountId,
              roleName: request.roleName,
              region: defaultRegion(io.env, session),
            });
      return { file: written.file, profile: written.profile };
    },
    consoleUrl: (_accountId, _roleName, credentials) =>
      createConsoleUrl({
        credentials,
        region: defaultRegion(io.env, session),
        env: io.env,
      }),
  };
}

/** `https://my-org.awsapps.com/start` → `my-org`; the name of a session saved from the setup screen. */
export function sessionNameFor(startUrl: string): string {
  const host = new URL(startUrl).hostname;
  const first = host.split('.')[0] ?? '';
  return /^[A-Za-z0-9][\w-]*$/.test(first) ? first : 'default';
}

function requireSessionName(session: SsoSession): string {
  if (!session.name) {
    throw new UserError(
      'An SSO profile needs a named [sso-session] to point at.',
      'Start sso-tui with --sso-session instead of --start-url.',
    );
  }
  return session.name;
}
