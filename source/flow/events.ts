import type { BrowserOutcome } from '../services/auth/browser.js';
import type { Account, RoleCredentials } from '../services/portal.js';
import type { SsoSession } from '../services/ssoSession.js';
import type { CachedLists, PopulateOutcome, UserPicks } from './appServices.js';
import type { ListMove } from './listNavigation.js';
import type { LoginDisplay } from './state.js';
import type { TextEdit } from './textEdit.js';

/** Everything that can happen: keys the screens translate, and answers from the effect layer. */
export type FlowEvent =
  // From the screens.
  | { readonly type: 'sessionChosen'; readonly session: SsoSession }
  /** Edits the focused field of the setup form. */
  | { readonly type: 'setupEdited'; readonly edit: TextEdit }
  | { readonly type: 'setupFieldSwitched'; readonly direction?: 1 | -1 }
  /** Moves the highlight in the setup form's region list. */
  | { readonly type: 'setupRegionMoved'; readonly delta: 1 | -1 }
  /** From an error: back to the setup form, filled with the chosen session, to correct it. */
  | { readonly type: 'setupEditRequested' }
  | { readonly type: 'setupSubmitted' }
  /** Moves the export dialog's focus between the profile name and the region. */
  | { readonly type: 'exportFieldSwitched' }
  /** Edits the query of the screen's list. */
  | { readonly type: 'listQueryEdited'; readonly edit: TextEdit }
  /** Moves the cursor of the screen's list, which shows `rowCount` rows `height` at a time. */
  | {
      readonly type: 'listMoved';
      readonly move: ListMove;
      readonly rowCount: number;
      readonly height: number;
    }
  | { readonly type: 'pasteEdited'; readonly edit: TextEdit }
  | { readonly type: 'pasteSubmitted' }
  | { readonly type: 'loginUrlOpened' }
  | { readonly type: 'loginUrlCopied' }
  | {
      readonly type: 'favoriteToggled';
      readonly accountId: string;
      /** For keeping the cursor on the account when starring reorders the list: */
      readonly now: Date;
      readonly height: number;
    }
  | { readonly type: 'refreshRequested' }
  /** The accounts on screen, then those the query matches: their role lists are wanted first. */
  | { readonly type: 'rolesWanted'; readonly accountIds: readonly string[] }
  /** Profiles for the rows the query leaves on screen (an account row stands for its known roles). */
  | {
      readonly type: 'populateRequested';
      readonly rows: readonly { readonly account: Account; readonly roleName?: string }[];
    }
  | { readonly type: 'accountChosen'; readonly account: Account }
  | { readonly type: 'roleChosen'; readonly account: Account; readonly roleName: string }
  | { readonly type: 'secretToggled' }
  | { readonly type: 'credentialsRefreshRequested' }
  | { readonly type: 'exportLinesCopied' }
  | { readonly type: 'consoleRequested' }
  /** The region field of the credentials screen (the console's, and exports' from then on): open, edit, close. */
  | { readonly type: 'consoleRegionOpened' }
  | { readonly type: 'consoleRegionEdited'; readonly edit: TextEdit }
  | { readonly type: 'consoleRegionClosed'; readonly keep: boolean }
  | { readonly type: 'exportOpened' }
  | { readonly type: 'profileNameEdited'; readonly edit: TextEdit }
  | { readonly type: 'exportTargetSwitched' }
  | { readonly type: 'exportSubmitted' }
  | { readonly type: 'overwriteAnswered'; readonly yes: boolean }
  /** The key help over the screen on show: `?` or F1 open it, Esc closes it. */
  | { readonly type: 'helpShown' }
  | { readonly type: 'helpClosed' }
  | { readonly type: 'back' }
  | { readonly type: 'retry' }
  | { readonly type: 'quit' }
  // From the effect layer.
  | { readonly type: 'commandsTaken'; readonly upTo: number }
  | { readonly type: 'sessionSaved'; readonly session: SsoSession }
  | { readonly type: 'sessionSaveFailed'; readonly message: string }
  | { readonly type: 'tokenChecked'; readonly expiresAt?: Date }
  | { readonly type: 'tokenRenewalPlanned'; readonly at: Date }
  | { readonly type: 'tokenRenewed'; readonly expiresAt: Date }
  | { readonly type: 'tokenRenewalFailed' }
  | { readonly type: 'loginStarted'; readonly attempt: number; readonly display: LoginDisplay }
  | {
      readonly type: 'urlOpened';
      readonly purpose: 'login' | 'console';
      readonly url: string;
      readonly outcome: BrowserOutcome;
    }
  | { readonly type: 'pasteRejected'; readonly message: string }
  | { readonly type: 'signedIn'; readonly attempt: number; readonly expiresAt: Date }
  | { readonly type: 'loginFailed'; readonly attempt: number; readonly message: string }
  | { readonly type: 'cachedListsRead'; readonly generation: number; readonly lists: CachedLists }
  | { readonly type: 'accountsPage'; readonly generation: number; readonly accounts: readonly Account[] }
  | { readonly type: 'accountsLoaded'; readonly generation: number }
  | { readonly type: 'accountsFailed'; readonly generation: number; readonly message: string }
  | {
      readonly type: 'rolesLoaded';
      readonly entries: readonly (readonly [string, readonly string[]])[];
      /** The background listing these belong to; unset for one account's roles wanted now. */
      readonly generation?: number;
      /** When the batch came in. */
      readonly at: Date;
    }
  | { readonly type: 'rolesDone'; readonly generation: number }
  | { readonly type: 'rolesFailed'; readonly generation?: number; readonly message: string }
  | { readonly type: 'credentialsReceived'; readonly request: number; readonly credentials: RoleCredentials }
  | { readonly type: 'credentialsFailed'; readonly request: number; readonly message: string }
  | {
      readonly type: 'exportWritten';
      readonly request: number;
      readonly file: string;
      readonly profile: string;
    }
  | { readonly type: 'exportExists'; readonly request: number }
  | { readonly type: 'exportFailed'; readonly request: number; readonly message: string }
  | { readonly type: 'populateWritten'; readonly outcome: PopulateOutcome }
  | { readonly type: 'populateFailed'; readonly message: string }
  | { readonly type: 'noticeShown'; readonly message: string }
  | { readonly type: 'picksChanged'; readonly picks: UserPicks }
  /** A 401 anywhere: sign in again, then carry on where the user was. */
  | { readonly type: 'sessionExpired' };
