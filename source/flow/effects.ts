import type { Account, RoleCredentials } from '../services/portal.js';
import type { SsoSession } from '../services/ssoSession.js';
import type {
  AccountLists,
  ExportRequest,
  PopulatePair,
  SessionServices,
  SignInMethod,
} from './appServices.js';
import type { FlowEvent } from './events.js';

/**
 * Side effects the reducer asks for, as data (Bubble Tea's Cmd): the effect runner (app/effects/) runs
 * each once and answers with events. Long-running ones carry the id that their answers must quote.
 */
export type Effect = { readonly id: number } & (
  | { readonly type: 'loadToken'; readonly session: SsoSession }
  /** Renew the token in the background before it expires (replacing any renewal already planned). */
  | { readonly type: 'keepSignInAlive'; readonly expiresAt: Date }
  | {
      readonly type: 'saveSession';
      readonly startUrl: string;
      readonly region: string;
      readonly sessionName: string;
    }
  | { readonly type: 'startSignIn'; readonly attempt: number; readonly method: SignInMethod }
  | { readonly type: 'cancelSignIn' }
  | { readonly type: 'submitCallbackUrl'; readonly text: string }
  | { readonly type: 'openUrl'; readonly url: string; readonly purpose: 'signIn' | 'console' }
  | { readonly type: 'copy'; readonly text: string; readonly what: string }
  | { readonly type: 'loadAccounts'; readonly generation: number; readonly fromCache: boolean }
  | {
      readonly type: 'loadRoles';
      /** Unset for one account's roles wanted now (the roles screen), outside the background listing. */
      readonly generation?: number;
      /** In the order to list them: the background listing's favorites and recent picks first. */
      readonly accountIds: readonly string[];
      /** How many accounts there are in all: paces the batches the roles come back in. */
      readonly accountCount: number;
    }
  /** Reorders the role listing under way: these accounts next, in this order. */
  | { readonly type: 'preferRoles'; readonly accountIds: readonly string[] }
  | { readonly type: 'writeCachedLists'; readonly lists: AccountLists }
  | {
      readonly type: 'fetchCredentials';
      readonly request: number;
      readonly account: Account;
      readonly roleName: string;
    }
  | { readonly type: 'export'; readonly request: number; readonly export: ExportRequest }
  | {
      readonly type: 'openConsole';
      readonly account: Account;
      readonly roleName: string;
      readonly credentials: RoleCredentials;
      readonly region: string;
    }
  | { readonly type: 'populate'; readonly pairs: readonly PopulatePair[] }
  | { readonly type: 'setFavorite'; readonly accountId: string; readonly favorite: boolean }
  | { readonly type: 'recordPick'; readonly accountId: string; readonly roleName?: string }
  | { readonly type: 'rememberAccountRegion'; readonly accountId: string; readonly region: string }
  | {
      readonly type: 'rememberProfileName';
      readonly accountId: string;
      readonly roleName: string;
      readonly profile: string;
    }
  /** Ends the program; with `failure`, the sentence it ends on and a non-zero exit code. */
  | { readonly type: 'quit'; readonly failure?: string }
);

/** An effect as the reducer writes it, before it gets its id. */
export type EffectRequest = WithoutId<Effect>;

type WithoutId<E> = E extends unknown ? Omit<E, 'id'> : never;

/** How an effect answers: with events for the reducer, or by ending the program. */
export interface EffectAnswers {
  dispatch(event: FlowEvent): void;
  exit(error?: Error): void;
}

/** Runs effects (app/effects/); the UI hands it each one once, in order; each carries what it needs. */
export interface EffectRunner {
  run(effect: Effect): void;
  /** The full screen closes: the sign-in under way, the planned renewal and pending batches stop. */
  stop(): void;
}

/** `warmSession`: the chosen session's services when the flow starts on the account list (a warm start). */
export type StartEffectRunner = (answers: EffectAnswers, warmSession?: SessionServices) => EffectRunner;
