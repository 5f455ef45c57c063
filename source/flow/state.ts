import type { BrowserOutcome } from '../services/auth/browser.js';
import type { Account, RoleCredentials } from '../services/portal.js';
import type { SsoSession } from '../services/ssoSession.js';
import type { Progress } from '../services/progress.js';
import type { Effect } from './effects.js';
import type { ExportFiles, ExportTarget, SignInMethod, RegionEnvironment, UserPicks } from './appServices.js';

/** A type-to-filter list's own state: what is typed and which row is selected. */
export interface ListState {
  readonly query: string;
  readonly cursor: number;
  /** The first row on screen, kept with the cursor so the window scrolls only when the cursor leaves it. */
  readonly top: number;
}

export const EMPTY_LIST: ListState = { query: '', cursor: 0, top: 0 };

export type SignInDisplay =
  | {
      readonly kind: 'authCode';
      readonly url: string;
      readonly redirectUri: string;
      readonly deadline: Date;
    }
  | {
      readonly kind: 'deviceCode';
      readonly url: string;
      readonly userCode: string;
      readonly verificationUri: string;
      readonly deadline: Date;
    };

export interface CredentialsScreen {
  readonly kind: 'credentials';
  readonly account: Account;
  readonly roleName: string;
  /** Esc goes back to the roles of the account, or to the accounts when picked from an account × role row. */
  readonly from: 'roles' | 'accounts';
  /** The fetch in flight; answers to an older one are ignored. */
  readonly request: number;
  readonly credentials?: RoleCredentials;
  readonly showSecret: boolean;
  readonly notice?: string;
  /** The region the console opens in, once the user chose one here; else the region rule's. */
  readonly region?: string;
  /** The region field while the user edits it. */
  readonly regionEdit?: string;
}

export type ExportPhase = 'editing' | 'writing' | 'confirmOverwrite' | 'done';

export interface ExportDialogScreen {
  readonly kind: 'exportDialog';
  readonly over: CredentialsScreen & { readonly credentials: RoleCredentials };
  readonly field: 'profileName' | 'region';
  readonly profileName: string;
  /** The region of the account's credentials: the SSO profile's `region`, remembered for the console. */
  readonly region: string;
  /** The region proposed by the one rule (credentialsRegion); a different one typed is remembered. */
  readonly proposedRegion: string;
  readonly target: ExportTarget;
  readonly phase: ExportPhase;
  readonly request: number;
  readonly written?: { readonly file: string; readonly profile: string };
  readonly problem?: string;
}

export type SetupField = 'startUrl' | 'region' | 'sessionName';

/** The first-run form (or its correction from an error): start URL, region picked from a list, session name. */
export interface SetupScreen {
  readonly kind: 'setup';
  readonly startUrl: string;
  /** What is typed in the region field: it filters the Identity Center regions. */
  readonly regionQuery: string;
  /** The highlighted region among those the query matches. */
  readonly regionCursor: number;
  /** Empty: the name proposed from the start URL. */
  readonly sessionName: string;
  readonly field: SetupField;
  /** The start URL and region are being tried (registration, authorize page) before they are saved. */
  readonly verifying: boolean;
  readonly problem?: string;
}

export type Screen =
  | { readonly kind: 'checkingToken' }
  | { readonly kind: 'sessionPicker'; readonly list: ListState }
  | SetupScreen
  | {
      readonly kind: 'signIn';
      readonly attempt: number;
      /** Unset until the sign-in has started (registration, redirect server). */
      readonly display?: SignInDisplay;
      readonly browser?: BrowserOutcome;
      readonly pasted: string;
      readonly problem?: string;
      /** Why a sign-in is needed again (the session expired), shown above the URL. */
      readonly reason?: string;
      /** Where the user goes once signed in. */
      readonly resume: Screen;
      readonly notice?: string;
    }
  | { readonly kind: 'accounts' }
  | { readonly kind: 'roles'; readonly account: Account; readonly list: ListState }
  | CredentialsScreen
  | ExportDialogScreen
  | { readonly kind: 'error'; readonly message: string; readonly retry: Screen };

export type ScreenKind = Screen['kind'];

export type LoadStatus = 'idle' | 'loading' | 'done' | 'failed' | 'interrupted';

/**
 * A refresh of the account list as its pages come, behind the list on screen. A big organization's refresh
 * brings back the list as it was: while it does, it is only a count of the accounts on screen it has
 * confirmed, in place; it holds the accounts it brought only from where it first differs. A second list of
 * 100,000 accounts would otherwise live as long as the refresh (a minute behind the rate limit).
 */
export interface Refresh {
  /** The refresh's first `same` accounts are those on screen at the same places. */
  readonly same: number;
  /** The refresh's accounts after those, a page as it came at a time. */
  readonly pages: readonly (readonly Account[])[];
  /** How many accounts `pages` holds. */
  readonly paged: number;
}

/** State that outlives screens. */
export interface FlowData {
  readonly sessions: readonly SsoSession[];
  readonly session?: SsoSession;
  readonly signInMethod: SignInMethod;
  /** `--profile`: the name the export dialog proposes first. */
  readonly profileOption?: string;
  /** AWS_REGION and AWS_DEFAULT_REGION, which come before a region remembered for an account. */
  readonly regionEnvironment?: RegionEnvironment;
  /** Where exports are written, as shown. */
  readonly exportFiles?: ExportFiles;
  readonly signInExpiresAt?: Date;
  /** When the background renewal of the access token is planned (the effect runner says). */
  readonly signInRenewsAt?: Date;
  readonly accounts: readonly Account[];
  /** A refresh collected until complete while the cached list stays on screen. */
  readonly incoming?: Refresh;
  readonly accountsLoad: { readonly generation: number; readonly status: LoadStatus };
  /** Accounts added and removed by the last refresh of a cached list. */
  readonly change?: { readonly added: number; readonly removed: number };
  readonly roles: ReadonlyMap<string, readonly string[]>;
  readonly rolesLoad: {
    readonly generation: number;
    readonly status: LoadStatus;
    /** The moment the listing ranks favorites and recent picks by (set once it has started). */
    readonly rankedAt?: Date;
  };
  /** How far the background role listing has come, for `roles 169 / 2,500` and the time left. */
  readonly rolesProgress?: Progress;
  readonly accountsList: ListState;
  readonly picks: UserPicks;
  /**
   * The moment recent picks are ranked as of: when they were read or last changed, so the rows of an empty
   * query never move while the user looks at them, and no render reads the clock.
   */
  readonly picksRankedAt: Date;
  /** A failure that did not stop the screen (roles listing), shown as a note. */
  readonly note?: string;
}

export interface FlowState {
  readonly screen: Screen;
  readonly data: FlowData;
  /** The screen whose key help is open over it; the overlay goes with the screen it was opened on. */
  readonly helpFor?: ScreenKind;
  /** Side effects asked for, oldest first; the effect runner runs them and drops them by id. */
  readonly outbox: readonly Effect[];
  /** The next id for effects, sign-in attempts, fetches and list generations. */
  readonly nextId: number;
}
