import type { SessionServices } from '../../flow/appServices.js';
import { AccountQueue } from '../../services/accountQueue.js';
import type { Account } from '../../services/portal.js';
import { batchInterval, createBatch } from './batches.js';
import { chosenSession, failed, type EffectContext, type EffectHandlers } from './effectContext.js';

/** The account list, every account's roles in the background, and the lists cached for the next start. */
export const LISTING_EFFECTS: EffectHandlers<
  'loadAccounts' | 'loadRoles' | 'preferRoles' | 'writeCachedLists'
> = {
  loadAccounts(effect, context) {
    void loadAccounts(effect.generation, effect.fromCache, chosenSession(context), context).catch(
      failed(context, (message) => ({ type: 'accountsFailed', generation: effect.generation, message })),
    );
  },
  loadRoles(effect, context) {
    const { generation, accountIds, accountCount } = effect;
    const { dispatch, clock, live } = context;
    const batch = createBatch<readonly [string, readonly string[]]>(
      live.batches,
      (entries) =>
        dispatch({
          type: 'rolesLoaded',
          entries,
          ...(generation === undefined ? {} : { generation }),
          at: clock(),
        }),
      () => batchInterval(accountCount),
    );
    // The background listing's order can change as it runs (the accounts on screen first): a queue.
    const accountsToList = generation === undefined ? accountIds : new AccountQueue(accountIds);
    if (accountsToList instanceof AccountQueue) live.roleQueue = accountsToList;
    void chosenSession(context)
      .listRoles(accountsToList, (accountId, roles) => batch.add([accountId, roles]))
      .then(() => {
        batch.flush();
        if (generation !== undefined) dispatch({ type: 'rolesDone', generation });
      })
      .catch((error: unknown) => {
        batch.flush();
        failed(context, (message) => ({
          type: 'rolesFailed',
          ...(generation === undefined ? {} : { generation }),
          message,
        }))(error);
      });
  },
  preferRoles(effect, { live }) {
    live.roleQueue?.prefer(effect.accountIds);
  },
  writeCachedLists(effect, context) {
    // The cache only makes the next start faster; failing to write it must not disturb this run.
    void chosenSession(context)
      .writeCachedLists(effect.lists)
      .catch(() => undefined);
  },
};

async function loadAccounts(
  generation: number,
  fromCache: boolean,
  sessionServices: SessionServices,
  { dispatch, live, clock }: EffectContext,
): Promise<void> {
  if (fromCache) {
    const lists = await sessionServices.readCachedLists().catch(() => undefined);
    if (lists) dispatch({ type: 'cachedListsRead', generation, lists });
  }
  const batch = createBatch<Account>(
    live.batches,
    (accounts) => dispatch({ type: 'accountsPage', generation, accounts }),
    (delivered) => batchInterval(delivered),
    { paged: true },
  );
  try {
    await sessionServices.listAccounts((page) => {
      for (const account of page) batch.add(account);
      batch.pageDone();
    });
  } finally {
    batch.flush();
  }
  dispatch({ type: 'accountsLoaded', generation, at: clock() });
}
