import type { CommandRequest } from './commands.js';
import type { FlowEvent } from './events.js';
import { exportLines } from './exportLines.js';
import { editQuery, moveCursor, windowTop } from './listNavigation.js';
import { pinnedFirst } from './picksOrder.js';
import type { UserPicks } from './appServices.js';
import { profileNameProblem, proposeProfileName } from './profileName.js';
import {
  EMPTY_LIST,
  type CredentialsScreen,
  type FlowData,
  type FlowState,
  type ListState,
  type Screen,
} from './state.js';
import { setupProblem } from './setupForm.js';
import { applyTextEdit } from './textEdit.js';

/** The whole screen flow: a pure function of the state and one event. */
export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const { screen, data } = state;
  switch (event.type) {
    case 'commandsTaken':
      return { ...state, outbox: state.outbox.filter((command) => command.id > event.upTo) };

    case 'sessionChosen':
    case 'sessionSaved':
      return chooseSession(state, event.session);
    case 'setupEdited':
      if (screen.kind !== 'setup' || screen.saving) return state;
      return withScreen(state, {
        ...screen,
        [screen.field]: applyTextEdit(screen[screen.field], event.edit),
        problem: undefined,
      });
    case 'setupFieldSwitched':
      if (screen.kind !== 'setup') return state;
      return withScreen(state, { ...screen, field: screen.field === 'startUrl' ? 'region' : 'startUrl' });
    case 'setupSubmitted': {
      if (screen.kind !== 'setup' || screen.saving) return state;
      if (screen.field === 'startUrl' && !setupProblem(screen, 'startUrl')) {
        return withScreen(state, { ...screen, field: 'region' });
      }
      const problem = setupProblem(screen, 'startUrl') ?? setupProblem(screen, 'region');
      if (problem) return withScreen(state, { ...screen, problem });
      return queue(withScreen(state, { ...screen, saving: true }), {
        type: 'saveSession',
        startUrl: screen.startUrl.trim(),
        region: screen.region.trim(),
      });
    }
    case 'sessionSaveFailed':
      if (screen.kind !== 'setup') return state;
      return withScreen(state, { ...screen, saving: false, problem: event.message });

    case 'tokenChecked':
      if (screen.kind !== 'checkingToken') return state;
      if (!event.expiresAt) return startLogin(state, { kind: 'accounts' });
      return enter(withData(state, { signInExpiresAt: event.expiresAt }), { kind: 'accounts' });

    case 'loginStarted':
      if (screen.kind !== 'login' || screen.attempt !== event.attempt) return state;
      return queue(withScreen(state, { ...screen, display: event.display }), {
        type: 'openUrl',
        url: event.display.url,
        purpose: 'login',
      });
    case 'urlOpened':
      if (event.purpose === 'login' && screen.kind === 'login') {
        return withScreen(state, { ...screen, browser: event.outcome });
      }
      if (event.purpose === 'console' && screen.kind === 'credentials') {
        const notice =
          event.outcome === 'opened'
            ? 'Opened the AWS console in the browser.'
            : `Open the AWS console at ${event.url}`;
        return withScreen(state, { ...screen, notice });
      }
      return state;
    case 'loginUrlOpened':
      if (screen.kind !== 'login' || !screen.display) return state;
      return queue(state, { type: 'openUrl', url: screen.display.url, purpose: 'login' });
    case 'loginUrlCopied':
      if (screen.kind !== 'login' || !screen.display) return state;
      return queue(state, { type: 'copy', text: screen.display.url, what: 'the sign-in URL' });
    case 'pasteEdited':
      if (screen.kind !== 'login') return state;
      return withScreen(state, {
        ...screen,
        pasted: applyTextEdit(screen.pasted, event.edit),
        problem: undefined,
      });
    case 'pasteSubmitted':
      if (screen.kind !== 'login' || screen.display?.kind !== 'authCode' || !screen.pasted.trim())
        return state;
      return queue(withScreen(state, { ...screen, notice: 'Checking the pasted address…' }), {
        type: 'submitCallbackUrl',
        text: screen.pasted.trim(),
      });
    case 'pasteRejected':
      if (screen.kind !== 'login') return state;
      return withScreen(state, { ...screen, problem: event.message, notice: undefined });
    case 'signedIn':
      if (screen.kind !== 'login' || screen.attempt !== event.attempt) return state;
      return enter(withData(state, { signInExpiresAt: event.expiresAt }), screen.resume);
    case 'loginFailed':
      if (screen.kind !== 'login' || screen.attempt !== event.attempt) return state;
      return withScreen(state, { kind: 'error', message: event.message, retry: screen });
    case 'sessionExpired':
      return screen.kind === 'login' || screen.kind === 'checkingToken' ? state : expire(state);

    case 'cachedListsRead':
      if (event.generation !== data.accountsLoad.generation || data.accounts.length > 0) return state;
      return withData(state, { accounts: event.lists.accounts, roles: event.lists.roles, incoming: [] });
    case 'accountsPage':
      if (event.generation !== data.accountsLoad.generation) return state;
      return withData(
        state,
        data.incoming
          ? { incoming: [...data.incoming, ...event.accounts] }
          : { accounts: [...data.accounts, ...event.accounts] },
      );
    case 'accountsLoaded':
      return event.generation === data.accountsLoad.generation ? accountsLoaded(state) : state;
    case 'accountsFailed': {
      if (event.generation !== data.accountsLoad.generation) return state;
      const failed = withData(state, {
        accountsLoad: { ...data.accountsLoad, status: 'failed' },
        incoming: undefined,
      });
      if (data.accounts.length > 0) return withData(failed, { note: event.message });
      return withScreen(failed, { kind: 'error', message: event.message, retry: { kind: 'accounts' } });
    }
    case 'rolesLoaded': {
      const roles = new Map(data.roles);
      for (const [accountId, names] of event.entries) roles.set(accountId, names);
      return withData(state, { roles });
    }
    case 'rolesDone':
      if (event.generation !== data.rolesLoad.generation) return state;
      return queue(withData(state, { rolesLoad: { ...data.rolesLoad, status: 'done' } }), {
        type: 'writeCachedLists',
        lists: { accounts: data.accounts, roles: data.roles },
      });
    case 'rolesFailed':
      if (event.generation !== undefined && event.generation !== data.rolesLoad.generation) {
        return state;
      }
      return withData(state, {
        note: event.message,
        ...(event.generation === undefined ? {} : { rolesLoad: { ...data.rolesLoad, status: 'failed' } }),
      });

    case 'listQueryEdited':
      return updateList(state, (list) => editQuery(list, event.edit));
    case 'listMoved':
      return updateList(state, (list) => moveCursor(list, event.move, event.rowCount, event.height));
    case 'favoriteToggled': {
      const favorite = !data.picks.favorites.includes(event.accountId);
      const favorites = favorite
        ? [...data.picks.favorites, event.accountId]
        : data.picks.favorites.filter((id) => id !== event.accountId);
      const picks = { ...data.picks, favorites };
      return queue(withData(state, { picks, accountsList: followAccount(data, picks, event) }), {
        type: 'setFavorite',
        accountId: event.accountId,
        favorite,
      });
    }
    case 'refreshRequested':
      if (data.accountsLoad.status === 'loading') return state;
      return loadAccounts(withData(state, { note: undefined, change: undefined }), false);
    case 'picksChanged':
      return withData(state, { picks: event.picks });

    case 'accountChosen': {
      const roles = queue(withScreen(state, { kind: 'roles', account: event.account, list: EMPTY_LIST }), {
        type: 'recordPick',
        accountId: event.account.accountId,
      });
      if (data.roles.has(event.account.accountId)) return roles;
      return queue(roles, { type: 'loadRoles', accountIds: [event.account.accountId] });
    }
    case 'roleChosen': {
      const from = screen.kind === 'roles' ? 'roles' : 'accounts';
      const picked = queue(state, {
        type: 'recordPick',
        accountId: event.account.accountId,
        roleName: event.roleName,
      });
      return enter(picked, {
        kind: 'credentials',
        account: event.account,
        roleName: event.roleName,
        from,
        request: 0,
        showSecret: false,
      });
    }
    case 'credentialsReceived':
      if (screen.kind !== 'credentials' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, credentials: event.credentials });
    case 'credentialsFailed':
      if (screen.kind !== 'credentials' || screen.request !== event.request) return state;
      return withScreen(state, { kind: 'error', message: event.message, retry: screen });
    case 'secretToggled':
      if (screen.kind !== 'credentials') return state;
      return withScreen(state, { ...screen, showSecret: !screen.showSecret });
    case 'credentialsRefreshRequested':
      if (screen.kind !== 'credentials') return state;
      return enter(state, { ...screen, credentials: undefined, showSecret: false, notice: undefined });
    case 'exportLinesCopied':
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      return queue(state, { type: 'copy', text: exportLines(screen.credentials), what: 'the export lines' });
    case 'consoleRequested':
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      return queue(withScreen(state, { ...screen, notice: 'Opening the AWS console…' }), {
        type: 'openConsole',
        account: screen.account,
        roleName: screen.roleName,
        credentials: screen.credentials,
      });
    case 'noticeShown':
      if (screen.kind !== 'credentials' && screen.kind !== 'login') return state;
      return withScreen(state, { ...screen, notice: event.message });

    case 'exportOpened': {
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      const over = { ...screen, credentials: screen.credentials, notice: undefined };
      return withScreen(state, {
        kind: 'exportDialog',
        over,
        profileName: proposeProfileName(screen.account, screen.roleName, data.picks, data.profileOption),
        target: 'static',
        phase: 'editing',
        request: 0,
      });
    }
    case 'profileNameEdited':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, {
        ...screen,
        profileName: applyTextEdit(screen.profileName, event.edit),
        problem: undefined,
      });
    case 'exportTargetSwitched':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, { ...screen, target: screen.target === 'static' ? 'sso' : 'static' });
    case 'exportSubmitted': {
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      const problem = profileNameProblem(screen.profileName);
      return problem ? withScreen(state, { ...screen, problem }) : writeExport(state, false);
    }
    case 'overwriteAnswered':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'confirmOverwrite') return state;
      return event.yes ? writeExport(state, true) : withScreen(state, { ...screen, phase: 'editing' });
    case 'exportWritten': {
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      const written = { file: event.file, profile: event.profile };
      return queue(withScreen(state, { ...screen, phase: 'done', written }), {
        type: 'rememberProfileName',
        accountId: screen.over.account.accountId,
        roleName: screen.over.roleName,
        profile: event.profile,
      });
    }
    case 'exportExists':
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, phase: 'confirmOverwrite' });
    case 'exportFailed':
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, phase: 'editing', problem: event.message });

    case 'back':
      return back(state);
    case 'retry':
      return screen.kind === 'error' ? enter(state, screen.retry) : state;
    case 'quit':
      return queue(state, { type: 'quit' });
  }
}

/** The list of the screen on show: the accounts' outlives the screen, the others' are the screen's own. */
/**
 * With an empty query, starring moves the account among the pinned rows (or out of them): the cursor goes
 * with it. A search's order does not depend on favorites, so there the cursor stays.
 */
function followAccount(
  data: FlowData,
  picks: UserPicks,
  event: { readonly accountId: string; readonly now: Date; readonly height: number },
): ListState {
  const list = data.accountsList;
  if (list.query.trim() !== '') return list;
  const cursor = pinnedFirst(data.accounts, picks, event.now).findIndex(
    (row) => row.kind === 'account' && row.account.accountId === event.accountId,
  );
  if (cursor < 0) return list;
  return { ...list, cursor, top: windowTop(list.top, cursor, event.height) };
}

function updateList(state: FlowState, update: (list: ListState) => ListState): FlowState {
  const { screen } = state;
  if (screen.kind === 'accounts') return withData(state, { accountsList: update(state.data.accountsList) });
  if (screen.kind === 'roles' || screen.kind === 'sessionPicker') {
    return withScreen(state, { ...screen, list: update(screen.list) });
  }
  return state;
}

function withScreen(state: FlowState, screen: Screen): FlowState {
  return { ...state, screen };
}

function withData(state: FlowState, data: Partial<FlowData>): FlowState {
  return { ...state, data: { ...state.data, ...data } };
}

function queue(state: FlowState, ...requests: readonly CommandRequest[]): FlowState {
  let { nextId } = state;
  const commands = requests.map((request) => ({ ...request, id: nextId++ }));
  return { ...state, outbox: [...state.outbox, ...commands], nextId };
}

/** A fresh id for a sign-in attempt, a fetch or a listing generation. */
function takeId(state: FlowState): [number, FlowState] {
  return [state.nextId, { ...state, nextId: state.nextId + 1 }];
}

function chooseSession(state: FlowState, session: NonNullable<FlowData['session']>): FlowState {
  const known = state.data.sessions.some(
    (other) => other.name === session.name && other.startUrl === session.startUrl,
  );
  const fresh = withData(state, {
    session,
    sessions: known ? state.data.sessions : [...state.data.sessions, session],
    accounts: [],
    incoming: undefined,
    roles: new Map(),
    accountsLoad: { generation: state.data.accountsLoad.generation, status: 'idle' },
    rolesLoad: { generation: state.data.rolesLoad.generation, status: 'idle' },
    accountsList: EMPTY_LIST,
    change: undefined,
    note: undefined,
    signInExpiresAt: undefined,
  });
  return queue(withScreen(fresh, { kind: 'checkingToken' }), { type: 'loadToken', session });
}

function startLogin(state: FlowState, resume: Screen, reason?: string): FlowState {
  const [attempt, next] = takeId(state);
  return queue(
    withScreen(next, { kind: 'login', attempt, pasted: '', resume, ...(reason ? { reason } : {}) }),
    { type: 'startLogin', attempt, method: state.data.loginMethod },
  );
}

/**
 * Shows a screen with what it needs: a fetch for credentials not yet there, a listing for accounts never
 * loaded, a new attempt for a sign-in; and restarts listings a 401 interrupted.
 */
function enter(state: FlowState, screen: Screen): FlowState {
  const resumed = resumeInterrupted(state);
  switch (screen.kind) {
    case 'login':
      return startLogin(resumed, screen.resume, screen.reason);
    case 'accounts': {
      const status = resumed.data.accountsLoad.status;
      const shown = withScreen(resumed, screen);
      return status === 'idle' || status === 'failed' ? loadAccounts(shown, status === 'idle') : shown;
    }
    case 'credentials':
      return screen.credentials ? withScreen(resumed, screen) : fetchCredentials(resumed, screen);
    case 'exportDialog':
      return withScreen(resumed, screen.phase === 'writing' ? { ...screen, phase: 'editing' } : screen);
    default:
      return withScreen(resumed, screen);
  }
}

function resumeInterrupted(state: FlowState): FlowState {
  let next = state;
  if (next.data.accountsLoad.status === 'interrupted') next = loadAccounts(next, false);
  else if (next.data.rolesLoad.status === 'interrupted') next = loadRoles(next);
  return next;
}

function fetchCredentials(state: FlowState, screen: CredentialsScreen): FlowState {
  const [request, next] = takeId(state);
  return queue(withScreen(next, { ...screen, request, credentials: undefined }), {
    type: 'fetchCredentials',
    request,
    account: screen.account,
    roleName: screen.roleName,
  });
}

/** Starts a listing generation; with accounts already shown it collects a refresh behind them. */
export function loadAccounts(state: FlowState, fromCache: boolean): FlowState {
  const [generation, next] = takeId(state);
  const refreshing = next.data.accounts.length > 0;
  return queue(
    withData(next, {
      accountsLoad: { generation, status: 'loading' },
      incoming: refreshing ? [] : undefined,
    }),
    { type: 'loadAccounts', generation, fromCache },
  );
}

function accountsLoaded(state: FlowState): FlowState {
  const { data } = state;
  let accounts = data.accounts;
  let change = data.change;
  if (data.incoming) {
    const before = new Set(data.accounts.map((account) => account.accountId));
    const after = new Set(data.incoming.map((account) => account.accountId));
    change = {
      added: data.incoming.filter((account) => !before.has(account.accountId)).length,
      removed: data.accounts.filter((account) => !after.has(account.accountId)).length,
    };
    accounts = data.incoming;
  }
  const loaded = withData(state, {
    accounts,
    incoming: undefined,
    change,
    accountsLoad: { ...data.accountsLoad, status: 'done' },
  });
  // The accounts are cached as soon as they are all in: role lists of a big organization take minutes,
  // and a user who quits before then still gets an instant list next time.
  const cached = queue(loaded, { type: 'writeCachedLists', lists: { accounts, roles: data.roles } });
  return loadRoles(cached);
}

/** Every account's roles, favorites and recent picks first (the effect layer knows the clock to rank them). */
function loadRoles(state: FlowState): FlowState {
  const [generation, next] = takeId(state);
  return queue(withData(next, { rolesLoad: { generation, status: 'loading' } }), {
    type: 'loadRoles',
    generation,
    accountIds: next.data.accounts.map((account) => account.accountId),
  });
}

function expire(state: FlowState): FlowState {
  const { data, screen } = state;
  const interrupted = withData(state, {
    accountsLoad:
      data.accountsLoad.status === 'loading'
        ? { ...data.accountsLoad, status: 'interrupted' }
        : data.accountsLoad,
    rolesLoad:
      data.rolesLoad.status === 'loading' ? { ...data.rolesLoad, status: 'interrupted' } : data.rolesLoad,
    incoming: undefined,
  });
  const resume = screen.kind === 'error' ? screen.retry : screen;
  return startLogin(interrupted, resume, 'Your sign-in session has expired; sign in again to carry on.');
}

function writeExport(state: FlowState, force: boolean): FlowState {
  const { screen } = state;
  if (screen.kind !== 'exportDialog') return state;
  const [request, next] = takeId(state);
  return queue(withScreen(next, { ...screen, phase: 'writing', request, problem: undefined }), {
    type: 'export',
    request,
    export: {
      target: screen.target,
      profile: screen.profileName.trim(),
      account: screen.over.account,
      roleName: screen.over.roleName,
      credentials: screen.over.credentials,
      force,
    },
  });
}

/** Esc: one step back; from the first screen, quit. */
function back(state: FlowState): FlowState {
  const { screen, data } = state;
  const quit = (): FlowState => queue(state, { type: 'quit' });
  switch (screen.kind) {
    case 'roles':
      return withScreen(state, { kind: 'accounts' });
    case 'credentials':
      return screen.from === 'roles'
        ? withScreen(state, { kind: 'roles', account: screen.account, list: EMPTY_LIST })
        : withScreen(state, { kind: 'accounts' });
    case 'exportDialog':
      return screen.phase === 'confirmOverwrite'
        ? withScreen(state, { ...screen, phase: 'editing' })
        : withScreen(state, screen.over);
    case 'login': {
      const cancelled = queue(state, { type: 'cancelLogin' });
      return withScreen(cancelled, { kind: 'error', message: 'The sign-in was cancelled.', retry: screen });
    }
    case 'accounts':
      return data.sessions.length > 1
        ? withScreen(state, { kind: 'sessionPicker', list: EMPTY_LIST })
        : quit();
    case 'error':
      return data.signInExpiresAt && screen.retry.kind !== 'accounts'
        ? enter(state, { kind: 'accounts' })
        : quit();
    default:
      return quit();
  }
}
