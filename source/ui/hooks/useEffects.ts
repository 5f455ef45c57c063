import { useApp } from 'ink';
import { useEffect, useRef, type Dispatch } from 'react';
import {
  ProfileExistsError,
  type AppServices,
  type LoginHandle,
  type SessionServices,
} from '../../flow/appServices.js';
import type { Command } from '../../flow/commands.js';
import type { FlowEvent } from '../../flow/events.js';
import { pinnedAccountIds } from '../../flow/picksOrder.js';
import type { FlowState, LoginDisplay } from '../../flow/state.js';
import { CancelledError, SessionExpiredError, UserError } from '../../services/errors.js';
import { screenErrorLine } from '../errorWords.js';
import { AccountQueue } from '../../services/accountQueue.js';
import type { Account } from '../../services/portal.js';
import { copyNotice } from '../copyNotice.js';
import { batchInterval, createBatch, type Batch } from './batches.js';
import type { Clock } from '../../services/ssoSession.js';
import { renewalMoment, RENEWAL_RETRY_MS } from '../../services/tokenRefresh.js';

/**
 * The effect layer: runs each command the reducer queued, once, and answers with events. It holds what
 * must not live in state: the services of the chosen session and the sign-in under way.
 */
export function useEffects(
  state: FlowState,
  dispatch: Dispatch<FlowEvent>,
  services: AppServices,
  clock: Clock,
  /** The chosen session's services when the flow starts on the account list (a warm start). */
  warmSession?: SessionServices,
): void {
  const { exit } = useApp();
  const taken = useRef(0);
  const world = useRef<World>({ batches: new Set(), ...(warmSession ? { session: warmSession } : {}) });

  useEffect(() => {
    const fresh = state.outbox.filter((command) => command.id > taken.current);
    if (fresh.length === 0) return;
    taken.current = fresh.at(-1)!.id;
    dispatch({ type: 'commandsTaken', upTo: taken.current });
    const context: Context = { services, dispatch, clock, exit, world: world.current, data: state.data };
    for (const command of fresh) run(command, context);
  }, [state.outbox, state.data, services, dispatch, clock, exit]);

  useEffect(() => {
    const current = world.current;
    return () => {
      current.login?.cancel();
      clearTimeout(current.renewal);
      for (const batch of current.batches) batch.cancel();
    };
  }, []);
}

interface World {
  session?: SessionServices;
  /** The accounts the background role listing has still to fetch. */
  roleQueue?: AccountQueue;
  /** The planned background renewal of the token, and when the last one ran. */
  renewal?: ReturnType<typeof setTimeout>;
  lastRenewalAt?: number;
  login?: LoginHandle;
  readonly batches: Set<Batch<unknown>>;
}

interface Context {
  readonly services: AppServices;
  readonly dispatch: Dispatch<FlowEvent>;
  readonly clock: Clock;
  readonly exit: (error?: Error) => void;
  readonly world: World;
  readonly data: FlowState['data'];
}

function run(command: Command, context: Context): void {
  const { services, dispatch, world } = context;
  const session = (): SessionServices => {
    if (!world.session) throw new Error('No session has been chosen yet.');
    return world.session;
  };
  const failed = (onError: (message: string) => FlowEvent) => (error: unknown) => {
    if (error instanceof SessionExpiredError) dispatch({ type: 'sessionExpired' });
    else dispatch(onError(screenErrorLine(error)));
  };

  switch (command.type) {
    case 'loadToken':
      world.session = services.forSession(command.session);
      void world.session.loadToken().then(
        (signIn) => dispatch({ type: 'tokenChecked', ...(signIn ? { expiresAt: signIn.expiresAt } : {}) }),
        () => dispatch({ type: 'tokenChecked' }),
      );
      return;
    case 'keepSignInAlive': {
      clearTimeout(world.renewal);
      const now = context.clock().getTime();
      const due = renewalMoment(command.expiresAt, new Date(now)).getTime();
      const at = Math.max(due, (world.lastRenewalAt ?? -Infinity) + RENEWAL_RETRY_MS, now);
      dispatch({ type: 'tokenRenewalPlanned', at: new Date(at) });
      world.renewal = setTimeout(() => {
        world.lastRenewalAt = context.clock().getTime();
        void session()
          .renewToken()
          .then(
            (signIn) => dispatch({ type: 'tokenRenewed', expiresAt: signIn.expiresAt }),
            () => dispatch({ type: 'tokenRenewalFailed' }),
          );
      }, at - now);
      return;
    }
    case 'saveSession':
      void services
        .saveSession({ startUrl: command.startUrl, region: command.region, sessionName: command.sessionName })
        .then(
          (saved) => dispatch({ type: 'sessionSaved', session: saved }),
          (error: unknown) => dispatch({ type: 'sessionSaveFailed', message: screenErrorLine(error) }),
        );
      return;
    case 'startLogin':
      world.login?.cancel();
      world.login = undefined;
      void session()
        .startLogin(command.method)
        .then((login) => {
          world.login = login;
          dispatch({ type: 'loginStarted', attempt: command.attempt, display: loginDisplay(login) });
          return login.signedIn.then((signIn) =>
            dispatch({ type: 'signedIn', attempt: command.attempt, expiresAt: signIn.expiresAt }),
          );
        })
        .catch((error: unknown) => {
          if (error instanceof CancelledError) return;
          dispatch({ type: 'loginFailed', attempt: command.attempt, message: screenErrorLine(error) });
        });
      return;
    case 'cancelLogin':
      world.login?.cancel();
      world.login = undefined;
      return;
    case 'submitCallbackUrl':
      try {
        if (world.login?.kind === 'authCode') world.login.submitCallbackUrl(command.text);
      } catch (error) {
        dispatch({ type: 'pasteRejected', message: screenErrorLine(error) });
      }
      return;
    case 'openUrl':
      void services.openUrl(command.url).then(
        (outcome) => dispatch({ type: 'urlOpened', purpose: command.purpose, url: command.url, outcome }),
        () => dispatch({ type: 'urlOpened', purpose: command.purpose, url: command.url, outcome: 'failed' }),
      );
      return;
    case 'copy':
      void services.copyToClipboard(command.text).then(
        (outcome) => dispatch({ type: 'noticeShown', message: copyNotice(command.what, outcome) }),
        (error: unknown) => dispatch({ type: 'noticeShown', message: screenErrorLine(error) }),
      );
      return;
    case 'loadAccounts':
      void loadAccounts(command.generation, command.fromCache, session(), context).catch(
        failed((message) => ({ type: 'accountsFailed', generation: command.generation, message })),
      );
      return;
    case 'loadRoles': {
      const { generation } = command;
      const batch = createBatch<readonly [string, readonly string[]]>(
        world.batches,
        (entries) =>
          dispatch({
            type: 'rolesLoaded',
            entries,
            ...(generation === undefined ? {} : { generation }),
            at: context.clock(),
          }),
        () => batchInterval(context.data.accounts.length),
      );
      // The background listing's order can change as it runs (the accounts on screen first): a queue.
      const accountsToList =
        generation === undefined
          ? command.accountIds
          : new AccountQueue(pinnedOrder(command.accountIds, context));
      if (accountsToList instanceof AccountQueue) world.roleQueue = accountsToList;
      void session()
        .listRoles(accountsToList, (accountId, roles) => batch.add([accountId, roles]))
        .then(() => {
          batch.flush();
          if (generation !== undefined) dispatch({ type: 'rolesDone', generation });
        })
        .catch((error: unknown) => {
          batch.flush();
          failed((message) => ({
            type: 'rolesFailed',
            ...(generation === undefined ? {} : { generation }),
            message,
          }))(error);
        });
      return;
    }
    case 'preferRoles':
      world.roleQueue?.prefer(command.accountIds);
      return;
    case 'writeCachedLists':
      // The cache only makes the next start faster; failing to write it must not disturb this run.
      void session()
        .writeCachedLists(command.lists)
        .catch(() => undefined);
      return;
    case 'fetchCredentials':
      void session()
        .getCredentials(command.account.accountId, command.roleName)
        .then(
          (credentials) => dispatch({ type: 'credentialsReceived', request: command.request, credentials }),
          failed((message) => ({ type: 'credentialsFailed', request: command.request, message })),
        );
      return;
    case 'export':
      void session()
        .exportProfile(command.export)
        .then(
          (written) => dispatch({ type: 'exportWritten', request: command.request, ...written }),
          (error: unknown) => {
            if (error instanceof ProfileExistsError)
              dispatch({ type: 'exportExists', request: command.request });
            else failed((message) => ({ type: 'exportFailed', request: command.request, message }))(error);
          },
        );
      return;
    case 'openConsole':
      void session()
        .consoleUrl(command.credentials, command.region)
        .then(async (url) => {
          const outcome = await services.openUrl(url).catch(() => 'failed' as const);
          dispatch({ type: 'urlOpened', purpose: 'console', url, outcome });
        })
        .catch(failed((message) => ({ type: 'noticeShown', message })));
      return;
    case 'populate':
      void session()
        .populateProfiles(command.pairs)
        .then(
          (outcome) => dispatch({ type: 'populateWritten', outcome }),
          failed((message) => ({ type: 'populateFailed', message })),
        );
      return;
    case 'setFavorite':
      return rememberPick(context, () => services.setFavorite(command.accountId, command.favorite));
    case 'recordPick':
      return rememberPick(context, () =>
        services.recordPick({
          accountId: command.accountId,
          ...(command.roleName === undefined ? {} : { roleName: command.roleName }),
        }),
      );
    case 'rememberProfileName':
      return rememberPick(context, () =>
        services.rememberProfileName(command.accountId, command.roleName, command.profile),
      );
    case 'rememberAccountRegion':
      return rememberPick(context, () => services.rememberAccountRegion(command.accountId, command.region));
    case 'quit':
      context.exit(command.failure === undefined ? undefined : new UserError(command.failure));
      return;
  }
}

/**
 * Favorites and recent picks first, so their account × role rows are searchable soonest. A function of its
 * own: what it makes (a map of every account) must not share a scope with the listing's callbacks, which
 * live for as long as the listing (an hour at 100,000 accounts) and would keep it.
 */
function pinnedOrder(accountIds: readonly string[], { data, clock }: Context): string[] {
  const accounts = new Map(data.accounts.map((account) => [account.accountId, account]));
  const wanted = accountIds.flatMap((id) => accounts.get(id) ?? []);
  return pinnedAccountIds(wanted, data.picks, clock());
}

async function loadAccounts(
  generation: number,
  fromCache: boolean,
  session: SessionServices,
  { dispatch, world }: Context,
): Promise<void> {
  if (fromCache) {
    const lists = await session.readCachedLists().catch(() => undefined);
    if (lists) dispatch({ type: 'cachedListsRead', generation, lists });
  }
  const batch = createBatch<Account>(
    world.batches,
    (accounts) => dispatch({ type: 'accountsPage', generation, accounts }),
    (delivered) => batchInterval(delivered),
    { paged: true },
  );
  try {
    await session.listAccounts((page) => {
      for (const account of page) batch.add(account);
      batch.pageDone();
    });
  } finally {
    batch.flush();
  }
  dispatch({ type: 'accountsLoaded', generation });
}

function rememberPick(context: Context, write: () => ReturnType<AppServices['readPicks']>): void {
  try {
    context.dispatch({ type: 'picksChanged', picks: write() });
  } catch (error) {
    context.dispatch({ type: 'noticeShown', message: screenErrorLine(error) });
  }
}

function loginDisplay(login: LoginHandle): LoginDisplay {
  return login.kind === 'authCode'
    ? { kind: 'authCode', url: login.authorizeUrl, redirectUri: login.redirectUri, deadline: login.deadline }
    : {
        kind: 'deviceCode',
        url: login.verificationUriComplete,
        userCode: login.userCode,
        verificationUri: login.verificationUri,
        deadline: login.deadline,
      };
}
