import type {
  AccountLists,
  ExportFiles,
  SignInMethod,
  RegionEnvironment,
  SignedIn,
  UserPicks,
} from './appServices.js';
import { loadAccounts } from './listingEvents.js';
import { setupScreen } from './setupForm.js';
import { keepAlive } from './signInEvents.js';
import { EMPTY_LIST, type FlowData, type FlowState, type Screen } from './state.js';
import type { SsoSession } from '../services/ssoSession.js';

export interface InitialOptions {
  readonly sessions: readonly SsoSession[];
  /** The session chosen by flags or being the only one; unset with several (picker) or none (setup). */
  readonly session?: SsoSession;
  readonly signInMethod?: SignInMethod;
  readonly profile?: string;
  readonly regionEnvironment?: RegionEnvironment;
  readonly exportFiles?: ExportFiles;
  readonly picks: UserPicks;
  /** When the picks were read: recent picks are ranked as of then until they change. */
  readonly now: Date;
  /** A fresh token (and the cached lists) read before the first frame: start on the account list. */
  readonly warm?: { readonly signIn: SignedIn; readonly lists?: AccountLists };
}

/**
 * Where the flow starts: the account list when a fresh token was read before the first frame (the lists
 * refresh behind it), a token check for a chosen session, else the session picker or the setup form.
 */
export function initialState(options: InitialOptions): FlowState {
  const data: FlowData = {
    sessions: options.sessions,
    signInMethod: options.signInMethod ?? 'authCode',
    ...(options.profile ? { profileOption: options.profile } : {}),
    ...(options.regionEnvironment ? { regionEnvironment: options.regionEnvironment } : {}),
    ...(options.exportFiles ? { exportFiles: options.exportFiles } : {}),
    accounts: [],
    accountsLoad: { generation: 0, status: 'idle' },
    roles: new Map(),
    rolesLoad: { generation: 0, status: 'idle' },
    accountsList: EMPTY_LIST,
    picks: options.picks,
    picksRankedAt: options.now,
  };
  const session = options.session ?? (options.sessions.length === 1 ? options.sessions[0] : undefined);
  if (session && options.warm) {
    const { signIn, lists } = options.warm;
    const shown: FlowState = {
      screen: { kind: 'accounts' },
      data: {
        ...data,
        session,
        signInExpiresAt: signIn.expiresAt,
        ...(lists ? { accounts: lists.accounts, roles: lists.roles } : {}),
      },
      outbox: [],
      nextId: 1,
    };
    // The cache has just been read: the listing only refreshes it.
    return loadAccounts(keepAlive(shown, signIn.expiresAt), false);
  }
  if (session) {
    return {
      screen: { kind: 'checkingToken' },
      data: { ...data, session },
      outbox: [{ id: 1, type: 'loadToken', session }],
      nextId: 2,
    };
  }
  const screen: Screen =
    options.sessions.length > 1 ? { kind: 'sessionPicker', list: EMPTY_LIST } : setupScreen();
  return { screen, data, outbox: [], nextId: 1 };
}
