import {
  type AppServices,
  type AuthCodeSignInHandle,
  type AccountLists,
  type DeviceCodeSignInHandle,
  type ExportRequest,
  type SignInMethod,
  type PopulatePair,
  type SessionServices,
  type SignedIn,
  type UserPicks,
} from '../../source/flow/appServices.js';
import { AccountQueue } from '../../source/services/accountQueue.js';
import { CancelledError, ProfileExistsError, UserError } from '../../source/services/errors.js';
import type { Account, RoleCredentials } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';

export const NOW = new Date('2030-06-15T12:00:00Z');
export const clock = (): Date => NOW;

export interface FakeBackend {
  accounts: Account[];
  roles: Map<string, string[]>;
  /** Undefined: no usable cached token, so the flow signs in. */
  signIn?: SignedIn;
  cached?: AccountLists;
  /** Errors the next calls throw, by method name, consumed one per call. */
  failures: Map<string, unknown[]>;
  /** Profiles that exist already (`file:profile`). */
  existingProfiles: Set<string>;
  picks: UserPicks;
  /** When set, the account listing waits on it after its first page. */
  listingHeld?: Promise<void>;
}

export interface FakeCalls {
  opened: string[];
  copied: string[];
  exports: ExportRequest[];
  signIns: SignInMethod[];
  sessions: SsoSession[];
  saved: { startUrl: string; region: string }[];
  pastedUrls: string[];
  cachedWrites: AccountLists[];
  credentialFetches: number;
  /** The pairs of each populateProfiles call. */
  populated: (readonly PopulatePair[])[];
}

export const credentialsFor = (accountId: string, roleName: string): RoleCredentials => ({
  accessKeyId: `ASIA${accountId.slice(0, 8)}`,
  secretAccessKey: `SECRET-${roleName}-wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY`,
  sessionToken: `TOKEN-${roleName}-IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJIMEYCIQD==`,
  expiration: new Date(NOW.getTime() + (58 * 60 + 12) * 1000),
});

/** An in-memory AppServices: a small organization, a sign-in the test completes, files it only records. */
export function createFakeServices(backend: Partial<FakeBackend> = {}) {
  const state: FakeBackend = {
    accounts: [],
    roles: new Map(),
    failures: new Map(),
    existingProfiles: new Set(),
    picks: { favorites: [], recents: [], profileNames: {} },
    ...backend,
  };
  const calls: FakeCalls = {
    opened: [],
    copied: [],
    exports: [],
    signIns: [],
    sessions: [],
    saved: [],
    pastedUrls: [],
    cachedWrites: [],
    credentialFetches: 0,
    populated: [],
  };
  let finishSignIn: ((signIn: SignedIn) => void) | undefined;

  const failNext = (method: string): void => {
    const error = state.failures.get(method)?.shift();
    if (error !== undefined) throw error;
  };

  const sessionServices: SessionServices = {
    async loadToken() {
      return state.signIn;
    },
    async freshToken() {
      return state.signIn;
    },
    async renewToken() {
      failNext('renewToken');
      if (!state.signIn) throw new Error('Not signed in.');
      return state.signIn;
    },
    async startSignIn(method) {
      calls.signIns.push(method);
      failNext('startSignIn');
      let resolve!: (signIn: SignedIn) => void;
      let reject!: (error: unknown) => void;
      const signedIn = new Promise<SignedIn>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      signedIn.catch(() => undefined);
      finishSignIn = (signIn) => {
        state.signIn = signIn;
        resolve(signIn);
      };
      const base = {
        signedIn,
        deadline: new Date(NOW.getTime() + 10 * 60 * 1000),
        cancel: () => reject(new CancelledError('The sign-in was cancelled.')),
      };
      if (method === 'deviceCode') {
        const handle: DeviceCodeSignInHandle = {
          ...base,
          kind: 'deviceCode',
          userCode: 'WDJB-MJHT',
          verificationUri: 'https://device.sso.example/',
          verificationUriComplete: 'https://device.sso.example/?user_code=WDJB-MJHT',
        };
        return handle;
      }
      const handle: AuthCodeSignInHandle = {
        ...base,
        kind: 'authCode',
        authorizeUrl:
          'https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=client-123&redirect_uri=http%3A%2F%2F127.0.0.1%3A43123%2Foauth%2Fcallback&state=s&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=abc',
        redirectUri: 'http://127.0.0.1:43123/oauth/callback',
        submitCallbackUrl(text) {
          calls.pastedUrls.push(text);
          if (!text.includes('state=s')) throw new UserError('That address does not belong to this sign-in.');
          finishSignIn?.({ expiresAt: new Date(NOW.getTime() + 8 * 3600 * 1000) });
        },
      };
      return handle;
    },
    async readCachedLists() {
      return state.cached;
    },
    async writeCachedLists(lists) {
      calls.cachedWrites.push(lists);
    },
    async listAccounts(onPage) {
      failNext('listAccounts');
      for (let start = 0; start < state.accounts.length; start += 100) {
        if (start > 0) await state.listingHeld;
        onPage(state.accounts.slice(start, start + 100));
      }
    },
    async listRoles(accounts, onRoles) {
      failNext('listRoles');
      const queue = accounts instanceof AccountQueue ? accounts : new AccountQueue(accounts);
      for (let id = queue.take(); id !== undefined; id = queue.take()) onRoles(id, state.roles.get(id) ?? []);
    },
    async getCredentials(accountId, roleName) {
      calls.credentialFetches++;
      failNext('getCredentials');
      return credentialsFor(accountId, roleName);
    },
    async populateProfiles(pairs) {
      failNext('populateProfiles');
      calls.populated.push(pairs);
      return { file: '/home/u/.aws/config', added: pairs.length, changed: 0, unchanged: 0, clashes: 0 };
    },
    async exportProfile(request) {
      failNext('exportProfile');
      const file = request.target === 'static' ? '/home/u/.aws/credentials' : '/home/u/.aws/config';
      if (!request.force && state.existingProfiles.has(`${file}:${request.profile}`)) {
        throw new ProfileExistsError(request.profile, file);
      }
      calls.exports.push(request);
      state.existingProfiles.add(`${file}:${request.profile}`);
      return { file, profile: request.profile };
    },
    async consoleUrl(credentials, region) {
      const destination = encodeURIComponent(`https://${region}.console.aws.amazon.com/`);
      return `https://signin.aws.amazon.com/federation?Action=login&Destination=${destination}&key=${credentials.accessKeyId}`;
    },
  };

  const services: AppServices = {
    async saveSession(input) {
      calls.saved.push(input);
      return { name: 'default', startUrl: input.startUrl, region: input.region, scopes: [] };
    },
    forSession(chosen) {
      calls.sessions.push(chosen);
      return sessionServices;
    },
    async openUrl(url) {
      calls.opened.push(url);
      return 'headless';
    },
    async copyToClipboard(text) {
      calls.copied.push(text);
      return { kind: 'osc52' as const };
    },
    readPicks: () => state.picks,
    rememberAccountRegion(accountId, region) {
      state.picks = {
        ...state.picks,
        accountRegions: { ...state.picks.accountRegions, [accountId]: region },
      };
      return state.picks;
    },
    regionEnvironment: () => ({}),
    exportFiles: () => ({ credentials: '~/.aws/credentials', config: '~/.aws/config' }),
    setFavorite(accountId, favorite) {
      const favorites = state.picks.favorites.filter((id) => id !== accountId);
      state.picks = { ...state.picks, favorites: favorite ? [...favorites, accountId] : favorites };
      return state.picks;
    },
    recordPick(pick) {
      state.picks = {
        ...state.picks,
        recents: [{ ...pick, count: 1, lastPickedAt: NOW.toISOString() }, ...state.picks.recents],
      };
      return state.picks;
    },
    rememberProfileName(accountId, roleName, profile) {
      state.picks = {
        ...state.picks,
        profileNames: { ...state.picks.profileNames, [`${accountId}/${roleName}`]: profile },
      };
      return state.picks;
    },
  };
  return { services, calls, state };
}
