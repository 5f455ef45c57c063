import type { BrowserOutcome } from '../services/auth/browser.js';
import type { SignInMethod } from '../services/auth/startSignIn.js';
import type { AccountQueue } from '../services/accountQueue.js';
import type { CopyOutcome } from '../services/clipboard.js';
import type { Account, RoleCredentials } from '../services/portal.js';
import type { UserPicks } from '../services/stateStore.js';
import type { SsoSession } from '../services/ssoSession.js';

/**
 * Everything the full-screen flow asks of Identity Center, the AWS files and the program's state. The
 * effect runner (app/effects/) is the only caller; app/realServices.ts implements it over the services,
 * tests over a fake. Errors are thrown as the services throw them: a SessionExpiredError (401) anywhere
 * sends the user to sign in again.
 */
export interface AppServices {
  /**
   * Tries a start URL and region as a sign-in would (client registration, authorize page), then saves them
   * as the `[sso-session NAME]` section; nothing is written when the check fails.
   */
  saveSession(input: {
    readonly startUrl: string;
    readonly region: string;
    readonly sessionName: string;
  }): Promise<SsoSession>;
  /** The services bound to one sign-in session; called once per chosen session. */
  forSession(session: SsoSession): SessionServices;
  /** Opens a URL in the browser (honouring BROWSER, `--no-browser`, headless sessions). */
  openUrl(url: string): Promise<BrowserOutcome>;
  /** Copies text to the clipboard (a tool, tmux, or OSC 52), saying which. */
  copyToClipboard(text: string): Promise<CopyOutcome>;
  /** Favorites, recent picks and profile names used, from the program's own state. */
  readPicks(): UserPicks;
  setFavorite(accountId: string, favorite: boolean): UserPicks;
  recordPick(pick: { readonly accountId: string; readonly roleName?: string }): UserPicks;
  rememberProfileName(accountId: string, roleName: string, profile: string): UserPicks;
  /** Keeps the region the user picked for an account's credentials (export dialog). */
  rememberAccountRegion(accountId: string, region: string): UserPicks;
  /** AWS_REGION and AWS_DEFAULT_REGION as the program was started with: they come before a remembered region. */
  regionEnvironment(): RegionEnvironment;
  /** The files exports go to, as the export dialog names them (`~/.aws/credentials`, or the demo's sandbox). */
  exportFiles(): ExportFiles;
}

export interface ExportFiles {
  readonly credentials: string;
  readonly config: string;
}

export interface RegionEnvironment {
  readonly AWS_REGION?: string;
  readonly AWS_DEFAULT_REGION?: string;
}

export interface SessionServices {
  /** A usable cached token (refreshed if need be), or undefined when a sign-in is needed. */
  loadToken(): Promise<SignedIn | undefined>;
  /**
   * Renews the token held if it is due (another process may have done it): its expiry now. Throws when it
   * cannot (a SessionExpiredError once the sign-in has ended).
   */
  renewToken(): Promise<SignedIn>;
  /** The cached token only if it needs no refresh: read from disk, never the network. */
  freshToken(): Promise<SignedIn | undefined>;
  /** Starts a sign-in; its `signedIn` resolves once the token is in the shared cache. */
  startSignIn(method: SignInMethod): Promise<SignInHandle>;
  /** The account and role lists cached by the last run, shown at once while they refresh. */
  readCachedLists(): Promise<AccountLists | undefined>;
  writeCachedLists(lists: AccountLists): Promise<void>;
  /** Every account, page after page, to `onPage`. */
  listAccounts(onPage: (page: readonly Account[]) => void): Promise<void>;
  /** Role lists in the order given (or as the queue hands them out), fetched concurrently; `onRoles` sees each as it arrives. */
  listRoles(
    accountIds: readonly string[] | AccountQueue,
    onRoles: (accountId: string, roles: readonly string[]) => void,
  ): Promise<void>;
  getCredentials(accountId: string, roleName: string): Promise<RoleCredentials>;
  /** Writes a profile; throws ProfileExistsError when it exists and `force` is false. */
  exportProfile(request: ExportRequest): Promise<ExportResult>;
  /**
   * An SSO profile for each pair, as `sso-tui populate` writes them (same names, same marking), in one
   * write; nothing is pruned, as the pairs are only those on screen.
   */
  populateProfiles(pairs: readonly PopulatePair[]): Promise<PopulateOutcome>;
  /** An AWS console sign-in URL for the role (through the federation endpoint). */
  consoleUrl(credentials: RoleCredentials, region: string): Promise<string>;
}

/**
 * What a start with a fresh cached token reads before its first frame, so that frame is the account list:
 * the session's services, the sign-in and the lists cached by the last run.
 */
export interface WarmStart {
  readonly sessionServices: SessionServices;
  readonly signIn: SignedIn;
  readonly lists?: AccountLists;
}

/** One sign-in method for the flow and the services: browser redirect (PKCE) or device code. */
export type { SignInMethod };

/** What the flow knows of a token: when it expires. The token itself stays in the services. */
export interface SignedIn {
  readonly expiresAt: Date;
}

export type SignInHandle = AuthCodeSignInHandle | DeviceCodeSignInHandle;

interface SignInHandleBase {
  /** Resolves when the sign-in completes and the token is cached; rejects on failure or cancel. */
  readonly signedIn: Promise<SignedIn>;
  /** When the sign-in gives up (redirect server timeout, device code expiry). */
  readonly deadline: Date;
  cancel(): void;
}

export interface AuthCodeSignInHandle extends SignInHandleBase {
  readonly kind: 'authCode';
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  /** The callback URL pasted by hand (SSH); throws a UserError if it does not belong to this sign-in. */
  submitCallbackUrl(text: string): void;
}

export interface DeviceCodeSignInHandle extends SignInHandleBase {
  readonly kind: 'deviceCode';
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
}

import type { AccountLists } from '../services/listCache.js';
export type { AccountLists };

export type ExportTarget = 'static' | 'sso';

export interface PopulatePair {
  readonly account: Account;
  readonly roleName: string;
}

export interface PopulateOutcome {
  readonly file: string;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Names held by a profile sso-tui did not write (or wrote for another session): left alone. */
  readonly clashes: number;
}

export interface ExportRequest {
  readonly target: ExportTarget;
  readonly profile: string;
  readonly account: Account;
  readonly roleName: string;
  /** The SSO profile's `region`. */
  readonly region: string;
  /** Written to `~/.aws/credentials` for a static export; unused for an SSO profile. */
  readonly credentials: RoleCredentials;
  readonly force: boolean;
}

export interface ExportResult {
  readonly file: string;
  readonly profile: string;
}

export type { RecentPick, UserPicks } from '../services/stateStore.js';
