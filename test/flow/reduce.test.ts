import { describe, expect, it } from 'vitest';
import type { UserPicks } from '../../source/flow/appServices.js';
import type { Effect } from '../../source/flow/effects.js';
import type { FlowEvent } from '../../source/flow/events.js';
import { reduce } from '../../source/flow/reduce.js';
import { initialState } from '../../source/flow/initialState.js';
import type { FlowState, Screen } from '../../source/flow/state.js';
import type { TextEdit } from '../../source/flow/textEdit.js';
import type { Account, RoleCredentials } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';

const session: SsoSession = {
  name: 'corp',
  startUrl: 'https://corp.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};
const other: SsoSession = {
  name: 'lab',
  startUrl: 'https://lab.awsapps.com/start',
  region: 'us-east-1',
  scopes: [],
};
const prod: Account = {
  accountId: '111111111111',
  accountName: 'payments-prod',
  emailAddress: 'p@example.com',
};
const dev: Account = {
  accountId: '222222222222',
  accountName: 'payments-dev',
  emailAddress: 'd@example.com',
};
const qa: Account = { accountId: '333333333333', accountName: 'payments-qa', emailAddress: 'q@example.com' };
const credentials: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret/key+value',
  sessionToken: 'token==',
  expiration: new Date('2030-01-01T01:00:00Z'),
};
const noPicks: UserPicks = { favorites: [], recents: [], profileNames: {} };
const expiresAt = new Date('2030-01-01T08:00:00Z');
const listedAt = new Date('2030-01-01T00:00:00Z');

function typed(text: string): TextEdit {
  return { kind: 'insert', text };
}

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(reduce, state);
}

function lastEffect(state: FlowState): Effect {
  const effect = state.outbox.at(-1);
  if (!effect) throw new Error('no effect queued');
  return effect;
}

function effectOf<T extends Effect['type']>(state: FlowState, type: T): Extract<Effect, { type: T }> {
  const effect = state.outbox.find((candidate) => candidate.type === type);
  if (!effect) throw new Error(`no ${type} effect in ${state.outbox.map((c) => c.type).join(', ')}`);
  return effect as Extract<Effect, { type: T }>;
}

function screenOf<K extends Screen['kind']>(state: FlowState, kind: K): Extract<Screen, { kind: K }> {
  expect(state.screen.kind).toBe(kind);
  return state.screen as Extract<Screen, { kind: K }>;
}

/** Signed in, with the accounts listed and the role listing under way. */
function signedInWithAccounts(
  accounts: readonly Account[] = [prod, dev],
  picks: UserPicks = noPicks,
  picksReadAt: Date = listedAt,
): FlowState {
  let state = run(initialState({ sessions: [session], picks, now: picksReadAt }), {
    type: 'tokenChecked',
    expiresAt,
  });
  const { generation } = effectOf(state, 'loadAccounts');
  state = run(
    state,
    { type: 'accountsPage', generation, accounts },
    { type: 'accountsLoaded', generation, at: listedAt },
  );
  return run(state, { type: 'effectsTaken', upTo: state.nextId });
}

function onCredentials(): FlowState {
  let state = run(signedInWithAccounts(), { type: 'roleChosen', account: prod, roleName: 'Admin' });
  const { request } = effectOf(state, 'fetchCredentials');
  state = run(state, { type: 'credentialsReceived', request, credentials });
  return run(state, { type: 'effectsTaken', upTo: state.nextId });
}

describe('start', () => {
  it('checks the cached token of the only session', () => {
    const state = initialState({ sessions: [session], picks: noPicks, now: listedAt });
    expect(state.screen.kind).toBe('checkingToken');
    expect(lastEffect(state)).toMatchObject({ type: 'loadToken', session });
  });

  it('shows the session picker with several sessions, and the setup form with none', () => {
    expect(initialState({ sessions: [session, other], picks: noPicks, now: listedAt }).screen.kind).toBe(
      'sessionPicker',
    );
    expect(initialState({ sessions: [], picks: noPicks, now: listedAt }).screen.kind).toBe('setup');
  });

  it('starts on the cached account list when a fresh token was read first, and only refreshes it', () => {
    const lists = { accounts: [prod, dev], roles: new Map([[prod.accountId, ['Admin']]]) };
    const state = initialState({
      sessions: [session],
      picks: noPicks,
      now: listedAt,
      warm: { signIn: { expiresAt }, lists },
    });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.accounts).toEqual([prod, dev]);
    expect(state.data.roles.get(prod.accountId)).toEqual(['Admin']);
    expect(state.data.signInExpiresAt).toEqual(expiresAt);
    expect(state.outbox.map((effect) => effect.type)).toEqual(['keepSignInAlive', 'loadAccounts']);
    expect(effectOf(state, 'keepSignInAlive').expiresAt).toBe(expiresAt);
    const { generation } = effectOf(state, 'loadAccounts');
    expect(effectOf(state, 'loadAccounts').fromCache).toBe(false);
    // The refresh collects behind the cached rows and then replaces them.
    let next = run(state, { type: 'accountsPage', generation, accounts: [prod, qa] });
    expect(next.data.accounts).toEqual([prod, dev]);
    next = run(next, { type: 'accountsLoaded', generation, at: listedAt });
    expect(next.data.accounts).toEqual([prod, qa]);
    expect(next.data.change).toEqual({ added: 1, removed: 1 });
  });

  it('starts on an empty account list that fills as pages come when a fresh token has no cached lists', () => {
    const state = initialState({
      sessions: [session],
      picks: noPicks,
      now: listedAt,
      warm: { signIn: { expiresAt } },
    });
    const { generation } = effectOf(state, 'loadAccounts');
    const next = run(state, { type: 'accountsPage', generation, accounts: [prod] });
    expect(screenOf(next, 'accounts')).toBeDefined();
    expect(next.data.accounts).toEqual([prod]);
  });

  it('uses the session chosen by flags even when there are several', () => {
    const state = initialState({ sessions: [session, other], session: other, picks: noPicks, now: listedAt });
    expect(lastEffect(state)).toMatchObject({ type: 'loadToken', session: other });
  });

  it('checks the token of the session picked in the picker', () => {
    const state = run(initialState({ sessions: [session, other], picks: noPicks, now: listedAt }), {
      type: 'sessionChosen',
      session: other,
    });
    expect(state.data.session).toBe(other);
    expect(lastEffect(state)).toMatchObject({ type: 'loadToken', session: other });
  });

  it('goes to the accounts with a usable token, listing them from the cache first', () => {
    const state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.signInExpiresAt).toBe(expiresAt);
    expect(lastEffect(state)).toMatchObject({ type: 'loadAccounts', fromCache: true });
  });

  it('signs in without a usable token, then goes to the accounts', () => {
    const state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
    });
    const signIn = screenOf(state, 'signIn');
    expect(lastEffect(state)).toEqual(
      expect.objectContaining({ type: 'startSignIn', attempt: signIn.attempt, method: 'authCode' }),
    );
    const after = run(state, { type: 'signedIn', attempt: signIn.attempt, expiresAt });
    expect(after.screen.kind).toBe('accounts');
    expect(lastEffect(after).type).toBe('loadAccounts');
  });

  it('signs in with the device code when asked to', () => {
    const state = run(
      initialState({ sessions: [session], picks: noPicks, now: listedAt, signInMethod: 'deviceCode' }),
      {
        type: 'tokenChecked',
      },
    );
    expect(effectOf(state, 'startSignIn').method).toBe('deviceCode');
  });
});

describe('setup form', () => {
  const setup = (): FlowState => initialState({ sessions: [], picks: noPicks, now: listedAt });
  const clear: FlowEvent = { type: 'setupEdited', edit: { kind: 'clear' } };

  it('goes start URL, region, session name, then asks to verify and save them', () => {
    let state = run(setup(), { type: 'setupEdited', edit: typed('corp') }, { type: 'setupSubmitted' });
    expect(screenOf(state, 'setup').field).toBe('region');
    state = run(state, { type: 'setupEdited', edit: typed('eu-west') }, { type: 'setupSubmitted' });
    expect(screenOf(state, 'setup').field).toBe('sessionName');
    state = run(state, { type: 'setupSubmitted' });
    expect(screenOf(state, 'setup').verifying).toBe(true);
    expect(lastEffect(state)).toMatchObject({
      type: 'saveSession',
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      sessionName: 'corp',
    });
  });

  it('picks the region highlighted among those the text matches, and the name typed', () => {
    const state = run(
      setup(),
      { type: 'setupEdited', edit: typed('https://corp.awsapps.com/start/#/') },
      { type: 'setupSubmitted' },
      { type: 'setupEdited', edit: typed('gov') },
      { type: 'setupRegionMoved', delta: 1 },
      { type: 'setupRegionMoved', delta: 1 },
      { type: 'setupSubmitted' },
      { type: 'setupEdited', edit: typed('work') },
      { type: 'setupSubmitted' },
    );
    expect(lastEffect(state)).toMatchObject({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-gov-west-1',
      sessionName: 'work',
    });
  });

  it('says what is wrong with a start URL, a region or a name, and asks for nothing', () => {
    let state = run(
      setup(),
      { type: 'setupEdited', edit: typed('http://corp.example/start') },
      { type: 'setupSubmitted' },
    );
    expect(screenOf(state, 'setup')).toMatchObject({
      field: 'startUrl',
      problem: expect.stringMatching(/start URL/),
    });
    state = run(state, clear, { type: 'setupEdited', edit: typed('corp') }, { type: 'setupSubmitted' });
    state = run(state, { type: 'setupEdited', edit: typed('us-est-1') }, { type: 'setupSubmitted' });
    expect(screenOf(state, 'setup')).toMatchObject({
      field: 'region',
      problem: "No Identity Center region matches 'us-est-1'; type part of a name like eu-west or Ireland.",
    });
    state = run(state, clear, { type: 'setupEdited', edit: typed('Ireland') }, { type: 'setupSubmitted' });
    state = run(state, { type: 'setupEdited', edit: typed('no spaces') }, { type: 'setupSubmitted' });
    expect(screenOf(state, 'setup').problem).toMatch(/cannot be used as an sso-session name/);
    expect(state.outbox).toEqual([]);
  });

  it('checks the token of the saved session, or shows why it could not be saved', () => {
    const failed = run(setup(), { type: 'sessionSaveFailed', message: 'Could not write.' });
    expect(screenOf(failed, 'setup').problem).toBe('Could not write.');
    const saved = run(setup(), { type: 'sessionSaved', session });
    expect(saved.data.sessions).toEqual([session]);
    expect(lastEffect(saved)).toMatchObject({ type: 'loadToken', session });
  });

  it('leaves with a failure when nothing was saved', () => {
    expect(lastEffect(run(setup(), { type: 'back' }))).toMatchObject({
      type: 'quit',
      failure: expect.any(String),
    });
  });

  it('from an error, edits the session in use and replaces it once saved again', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'signInFailed',
      attempt: 0,
      message: 'Could not reach Identity Center.',
    } as FlowEvent);
    state = {
      ...state,
      screen: { kind: 'error', message: 'Could not reach Identity Center.', retry: { kind: 'accounts' } },
    };
    expect(lastEffect(run(state, { type: 'quit' }))).toMatchObject({
      type: 'quit',
      failure: 'Could not reach Identity Center.',
    });
    state = run(state, { type: 'setupEditRequested' });
    expect(screenOf(state, 'setup')).toMatchObject({
      startUrl: session.startUrl,
      regionQuery: session.region,
      sessionName: session.name,
    });
    const corrected = { ...session, region: 'eu-central-1' };
    state = run(state, { type: 'sessionSaved', session: corrected });
    expect(state.data.sessions).toEqual([corrected]);
  });
});

describe('signIn', () => {
  function signInStarted(): FlowState {
    const state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
    });
    const { attempt } = screenOf(state, 'signIn');
    return run(state, {
      type: 'signInStarted',
      attempt,
      display: {
        kind: 'authCode',
        url: 'https://oidc.example/authorize?x=1',
        redirectUri: 'http://127.0.0.1:4321/oauth/callback',
        deadline: expiresAt,
      },
    });
  }

  it('opens the browser once the sign-in has started, and shows whether it could', () => {
    const state = signInStarted();
    expect(lastEffect(state)).toMatchObject({ type: 'openUrl', url: 'https://oidc.example/authorize?x=1' });
    const headless = run(state, {
      type: 'urlOpened',
      purpose: 'signIn',
      url: 'https://oidc.example/authorize?x=1',
      outcome: 'headless',
    });
    expect(screenOf(headless, 'signIn').browser).toBe('headless');
  });

  it('ignores answers to an older sign-in attempt', () => {
    const state = signInStarted();
    const { attempt } = screenOf(state, 'signIn');
    expect(run(state, { type: 'signedIn', attempt: attempt - 1, expiresAt })).toBe(state);
    expect(run(state, { type: 'signInFailed', attempt: attempt - 1, message: 'old' })).toBe(state);
  });

  it('opens the URL again on `o` and copies it on `c`', () => {
    const state = signInStarted();
    expect(lastEffect(run(state, { type: 'signInUrlOpened' }))).toMatchObject({ type: 'openUrl' });
    expect(lastEffect(run(state, { type: 'signInUrlCopied' }))).toMatchObject({
      type: 'copy',
      text: 'https://oidc.example/authorize?x=1',
    });
  });

  it('submits a pasted callback URL and shows why it was refused', () => {
    let state = run(signInStarted(), {
      type: 'pasteEdited',
      edit: typed(' http://127.0.0.1:4321/oauth/callback?code=c '),
    });
    state = run(state, { type: 'pasteSubmitted' });
    expect(lastEffect(state)).toMatchObject({
      type: 'submitCallbackUrl',
      text: 'http://127.0.0.1:4321/oauth/callback?code=c',
    });
    state = run(state, { type: 'pasteRejected', message: 'That address is not from this sign-in.' });
    expect(screenOf(state, 'signIn').problem).toBe('That address is not from this sign-in.');
    state = run(state, { type: 'pasteEdited', edit: { kind: 'deleteBackward' } });
    expect(screenOf(state, 'signIn').problem).toBeUndefined();
  });

  it('does not submit an empty paste field', () => {
    const state = signInStarted();
    expect(run(state, { type: 'pasteSubmitted' }).outbox).toEqual(state.outbox);
  });

  it('cancels on Esc, and signs in again on retry', () => {
    let state = run(signInStarted(), { type: 'back' });
    expect(lastEffect(state).type).toBe('cancelSignIn');
    expect(screenOf(state, 'error').message).toMatch(/cancelled/);
    state = run(state, { type: 'retry' });
    expect(state.screen.kind).toBe('signIn');
    expect(lastEffect(state).type).toBe('startSignIn');
  });

  it('shows a failed sign-in as an error with a retry', () => {
    const state = signInStarted();
    const { attempt } = screenOf(state, 'signIn');
    const failed = run(state, { type: 'signInFailed', attempt, message: 'The sign-in was denied.' });
    expect(screenOf(failed, 'error')).toMatchObject({ message: 'The sign-in was denied.' });
    expect(screenOf(failed, 'error').retry.kind).toBe('signIn');
  });
});

describe('accounts', () => {
  it('appends pages as they arrive, then lists the roles', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    state = run(state, { type: 'accountsPage', generation, accounts: [prod] });
    expect(state.data.accounts).toEqual([prod]);
    state = run(
      state,
      { type: 'accountsPage', generation, accounts: [dev] },
      { type: 'accountsLoaded', generation, at: listedAt },
    );
    expect(state.data.accounts).toEqual([prod, dev]);
    expect(state.data.accountsLoad.status).toBe('done');
    expect(state.outbox.at(-2)).toMatchObject({
      type: 'writeCachedLists',
      lists: { accounts: [prod, dev] },
    });
    expect(lastEffect(state)).toMatchObject({
      type: 'loadRoles',
      accountIds: [prod.accountId, dev.accountId],
    });
  });

  it('shows cached lists at once and swaps in the fresh list when complete, noting the change', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    const roles = new Map([[prod.accountId, ['Admin']]]);
    state = run(state, { type: 'cachedListsRead', generation, lists: { accounts: [prod, dev], roles } });
    expect(state.data.accounts).toEqual([prod, dev]);
    expect(state.data.roles).toBe(roles);
    state = run(state, { type: 'accountsPage', generation, accounts: [prod, qa] });
    expect(state.data.accounts).toEqual([prod, dev]);
    state = run(state, { type: 'accountsLoaded', generation, at: listedAt });
    expect(state.data.accounts).toEqual([prod, qa]);
    expect(state.data.change).toEqual({ added: 1, removed: 1 });
  });

  it('keeps the shown account list and role lists when a refresh brings them back unchanged', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    const cached = [prod, dev];
    const roles = new Map([[prod.accountId, ['Admin', 'ReadOnly']]]);
    state = run(state, { type: 'cachedListsRead', generation, lists: { accounts: cached, roles } });
    const renamedDev = { ...dev, accountName: 'payments-dev2' };
    const collecting = run(state, { type: 'accountsPage', generation, accounts: [{ ...prod }, renamedDev] });
    // The page's copy of prod only confirms the one on screen; the list is kept from the first change on.
    expect(collecting.data.incoming).toEqual({ same: 1, pages: [[renamedDev]], paged: 1 });
    const swapped = run(collecting, { type: 'accountsLoaded', generation, at: listedAt });
    expect(swapped.data.accounts[0]).toBe(prod);
    expect(swapped.data.accounts[1]).toBe(renamedDev);
    expect(swapped.data.change).toEqual({ added: 0, removed: 0 });
    state = run(
      state,
      { type: 'accountsPage', generation, accounts: [{ ...prod }, { ...dev }] },
      { type: 'accountsLoaded', generation, at: listedAt },
    );
    expect(state.data.accounts).toBe(cached);
    expect(state.data.change).toEqual({ added: 0, removed: 0 });
    const same = run(state, {
      type: 'rolesLoaded',
      entries: [[prod.accountId, ['Admin', 'ReadOnly']]],
      at: new Date(),
    });
    expect(same.data).toBe(state.data);
    const changed = run(state, {
      type: 'rolesLoaded',
      entries: [
        [prod.accountId, ['Admin', 'ReadOnly']],
        [dev.accountId, ['Developer']],
      ],
      at: new Date(),
    });
    expect(changed.data.roles).not.toBe(roles);
    expect([...changed.data.roles]).toEqual([
      [prod.accountId, ['Admin', 'ReadOnly']],
      [dev.accountId, ['Developer']],
    ]);
    const renamed = run(state, {
      type: 'rolesLoaded',
      entries: [[prod.accountId, ['Admin']]],
      at: new Date(),
    });
    expect(renamed.data.roles.get(prod.accountId)).toEqual(['Admin']);
  });

  it('collects a refresh behind the shown list as a count while it confirms it, pages from its first change', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    const many = Array.from({ length: 6 }, (_, at) => ({
      accountId: String(at).padStart(12, '0'),
      accountName: `account-${at}`,
      emailAddress: `a${at}@example.com`,
    }));
    const cached = many.slice(0, 5);
    state = run(state, {
      type: 'cachedListsRead',
      generation,
      lists: { accounts: cached, roles: new Map() },
    });
    const copies = (accounts: readonly Account[]): Account[] => accounts.map((account) => ({ ...account }));

    const confirming = run(state, { type: 'accountsPage', generation, accounts: copies(cached.slice(0, 2)) });
    expect(confirming.data.incoming).toEqual({ same: 2, pages: [], paged: 0 });
    const unchanged = run(
      confirming,
      { type: 'accountsPage', generation, accounts: copies(cached.slice(2)) },
      { type: 'accountsLoaded', generation, at: listedAt },
    );
    expect(unchanged.data.accounts).toBe(cached);
    expect(unchanged.data.change).toEqual({ added: 0, removed: 0 });

    // account-2 renamed: from there on the pages are kept, with the unchanged accounts' shown objects.
    const renamed = { ...cached[2]!, accountName: 'account-2-renamed' };
    const changed = run(
      confirming,
      { type: 'accountsPage', generation, accounts: [renamed, { ...cached[3]! }] },
      { type: 'accountsPage', generation, accounts: copies([cached[4]!, many[5]!]) },
    );
    expect(changed.data.incoming).toMatchObject({ same: 2, paged: 4 });
    const refreshed = run(changed, { type: 'accountsLoaded', generation, at: listedAt });
    expect(refreshed.data.accounts).toEqual([...cached.slice(0, 2), renamed, ...cached.slice(3), many[5]]);
    [0, 1, 3, 4].forEach((at) => expect(refreshed.data.accounts[at]).toBe(cached[at]));
    expect(refreshed.data.change).toEqual({ added: 1, removed: 0 });

    const shorter = run(
      confirming,
      { type: 'accountsPage', generation, accounts: copies([cached[2]!]) },
      { type: 'accountsLoaded', generation, at: listedAt },
    );
    expect(shorter.data.accounts).toEqual(cached.slice(0, 3));
    expect(shorter.data.change).toEqual({ added: 0, removed: 2 });
  });

  it('ignores pages of an older listing', () => {
    const state = signedInWithAccounts();
    const stale = run(state, { type: 'accountsPage', generation: 1, accounts: [qa] });
    expect(stale.data.accounts).toEqual([prod, dev]);
  });

  it('refreshes on request, once at a time', () => {
    const state = run(signedInWithAccounts(), { type: 'refreshRequested' });
    expect(state.data.accountsLoad.status).toBe('loading');
    expect(lastEffect(state)).toMatchObject({ type: 'loadAccounts', fromCache: false });
    expect(run(state, { type: 'refreshRequested' }).outbox).toEqual(state.outbox);
  });

  it('shows a failed first listing as an error whose retry lists again', () => {
    let state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    state = run(state, { type: 'accountsFailed', generation, message: 'Identity Center kept failing.' });
    expect(screenOf(state, 'error').message).toBe('Identity Center kept failing.');
    state = run(state, { type: 'retry' });
    expect(state.screen.kind).toBe('accounts');
    expect(lastEffect(state).type).toBe('loadAccounts');
  });

  it('keeps a listed account list when a refresh fails, with a note', () => {
    let state = run(signedInWithAccounts(), { type: 'refreshRequested' });
    const { generation } = effectOf(state, 'loadAccounts');
    state = run(state, { type: 'accountsFailed', generation, message: 'No network.' });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.note).toBe('No network.');
    expect(state.data.accounts).toEqual([prod, dev]);
  });

  it('counts the role lists of the background listing against its total, and moves the accounts wanted ahead', () => {
    let state = signedInWithAccounts();
    const { generation } = state.data.rolesLoad;
    expect(state.data.rolesProgress).toEqual({ total: 2, done: 0 });
    state = run(state, { type: 'rolesWanted', accountIds: [dev.accountId] });
    expect(lastEffect(state)).toMatchObject({ type: 'preferRoles', accountIds: [dev.accountId] });
    const at = new Date('2030-06-15T12:00:00Z');
    state = run(state, { type: 'rolesLoaded', entries: [[dev.accountId, ['Dev']]], generation, at });
    expect(state.data.rolesProgress).toEqual({ total: 2, done: 1, first: { done: 1, at }, lastAt: at });
    // One account's roles fetched for the roles screen are not part of the listing's count.
    state = run(state, { type: 'rolesLoaded', entries: [[prod.accountId, ['Admin']]], at });
    expect(state.data.rolesProgress?.done).toBe(1);
    state = run(state, { type: 'rolesDone', generation });
    const outbox = state.outbox.length;
    expect(run(state, { type: 'rolesWanted', accountIds: [prod.accountId] }).outbox).toHaveLength(outbox);
  });

  it('adds role lists as they arrive and caches both lists when done', () => {
    let state = signedInWithAccounts();
    const { generation } = state.data.rolesLoad;
    state = run(state, {
      type: 'rolesLoaded',
      entries: [[prod.accountId, ['Admin', 'ReadOnly']]],
      generation,
      at: new Date(),
    });
    expect(state.data.roles.get(prod.accountId)).toEqual(['Admin', 'ReadOnly']);
    state = run(state, { type: 'rolesDone', generation });
    expect(state.data.rolesLoad.status).toBe('done');
    expect(lastEffect(state)).toMatchObject({ type: 'writeCachedLists' });
    const failed = run(signedInWithAccounts(), { type: 'rolesFailed', generation, message: 'Throttled.' });
    expect(failed.data.note).toBe('Throttled.');
  });

  it('keeps the query and selection of the accounts list across screens', () => {
    let state = run(
      signedInWithAccounts(),
      { type: 'listQueryEdited', edit: typed('p') },
      { type: 'listQueryEdited', edit: typed('ay') },
      { type: 'listMoved', move: 'down', rowCount: 2, height: 10 },
    );
    state = run(state, { type: 'accountChosen', account: dev }, { type: 'back' });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.accountsList).toEqual({ query: 'pay', cursor: 1, top: 0 });
    state = run(state, { type: 'listQueryEdited', edit: { kind: 'deleteBackward' } });
    expect(state.data.accountsList).toEqual({ query: 'pa', cursor: 0, top: 0 });
  });

  it('stars and unstars a favorite', () => {
    let state = run(signedInWithAccounts(), {
      type: 'favoriteToggled',
      accountId: dev.accountId,
      height: 10,
    });
    expect(state.data.picks.favorites).toEqual([dev.accountId]);
    expect(lastEffect(state)).toMatchObject({
      type: 'setFavorite',
      accountId: dev.accountId,
      favorite: true,
    });
    state = run(state, { type: 'favoriteToggled', accountId: dev.accountId, height: 10 });
    expect(state.data.picks.favorites).toEqual([]);
    expect(lastEffect(state)).toMatchObject({ favorite: false });
    const picks: UserPicks = { ...noPicks, favorites: [prod.accountId] };
    expect(run(state, { type: 'picksChanged', picks, at: listedAt }).data.picks).toBe(picks);
  });

  it('keeps the cursor on the account starring moves, with an empty query only', () => {
    let state = run(signedInWithAccounts([prod, dev, qa]), {
      type: 'listMoved',
      move: 'end',
      rowCount: 3,
      height: 10,
    });
    expect(state.data.accountsList.cursor).toBe(2);
    state = run(state, { type: 'favoriteToggled', accountId: qa.accountId, height: 10 });
    expect(state.data.accountsList.cursor).toBe(0);
    state = run(state, { type: 'favoriteToggled', accountId: qa.accountId, height: 10 });
    expect(state.data.accountsList.cursor).toBe(2);
    state = run(
      state,
      { type: 'listQueryEdited', edit: { kind: 'insert', text: 'a' } },
      { type: 'listMoved', move: 'down', rowCount: 3, height: 10 },
    );
    state = run(state, { type: 'favoriteToggled', accountId: qa.accountId, height: 10 });
    expect(state.data.accountsList.cursor).toBe(1);
  });

  it('ranks recent picks as of when they were read or last changed, never by the clock', () => {
    const threeWeeksBefore = new Date(listedAt.getTime() - 3 * 7 * 86_400_000);
    const picks: UserPicks = {
      ...noPicks,
      recents: [
        { accountId: prod.accountId, count: 4, lastPickedAt: threeWeeksBefore.toISOString() },
        { accountId: dev.accountId, count: 1, lastPickedAt: listedAt.toISOString() },
      ],
    };
    const toggle = { type: 'favoriteToggled', accountId: dev.accountId, height: 10 } as const;
    // Starred and unstarred, dev goes back among the recent picks: the cursor follows it to its rank.
    const devRank = (state: FlowState) => run(state, toggle, toggle).data.accountsList.cursor;
    // As of three weeks before: prod, picked four times, leads.
    const readEarlier = signedInWithAccounts([prod, dev, qa], picks, threeWeeksBefore);
    expect(devRank(readEarlier)).toBe(1);
    // As of the last pick: prod's picks have lost seven eighths of their weight, dev's one pick leads.
    expect(devRank(signedInWithAccounts([prod, dev, qa], picks, listedAt))).toBe(0);
    expect(devRank(run(readEarlier, { type: 'picksChanged', picks, at: listedAt }))).toBe(0);
  });

  it('opens the roles of a chosen account, fetching them when unknown, and records the pick', () => {
    const state = run(signedInWithAccounts(), { type: 'accountChosen', account: dev });
    expect(screenOf(state, 'roles').account).toBe(dev);
    expect(effectOf(state, 'recordPick')).toMatchObject({ accountId: dev.accountId });
    expect(effectOf(state, 'loadRoles')).toMatchObject({ accountIds: [dev.accountId] });
    expect(effectOf(state, 'loadRoles').generation).toBeUndefined();
  });

  it('leaves on Esc: to the session picker with several sessions, else quits', () => {
    expect(lastEffect(run(signedInWithAccounts(), { type: 'back' })).type).toBe('quit');
    let state = initialState({ sessions: [session, other], picks: noPicks, now: listedAt });
    state = run(
      state,
      { type: 'sessionChosen', session },
      { type: 'tokenChecked', expiresAt },
      { type: 'back' },
    );
    expect(state.screen.kind).toBe('sessionPicker');
  });
});

describe('roles and credentials', () => {
  it('fetches credentials for a role chosen in the roles screen; Esc goes back to the roles', () => {
    let state = run(signedInWithAccounts(), { type: 'accountChosen', account: prod });
    state = run(state, { type: 'listQueryEdited', edit: typed('adm') });
    expect(screenOf(state, 'roles').list.query).toBe('adm');
    state = run(state, { type: 'roleChosen', account: prod, roleName: 'Admin' });
    const screen = screenOf(state, 'credentials');
    expect(screen.from).toBe('roles');
    expect(effectOf(state, 'fetchCredentials')).toMatchObject({
      request: screen.request,
      roleName: 'Admin',
    });
    expect(state.outbox.filter((effect) => effect.type === 'recordPick').at(-1)).toMatchObject({
      roleName: 'Admin',
    });
    expect(screenOf(run(state, { type: 'back' }), 'roles').account).toBe(prod);
  });

  it('goes straight to credentials from an account × role row; Esc goes back to the accounts', () => {
    const state = run(signedInWithAccounts(), { type: 'roleChosen', account: prod, roleName: 'Admin' });
    expect(screenOf(state, 'credentials').from).toBe('accounts');
    expect(run(state, { type: 'back' }).screen.kind).toBe('accounts');
  });

  it('shows the credentials of the latest fetch only', () => {
    const state = run(signedInWithAccounts(), { type: 'roleChosen', account: prod, roleName: 'Admin' });
    const { request } = screenOf(state, 'credentials');
    expect(
      screenOf(run(state, { type: 'credentialsReceived', request: request - 1, credentials }), 'credentials')
        .credentials,
    ).toBeUndefined();
    expect(
      screenOf(run(state, { type: 'credentialsReceived', request, credentials }), 'credentials').credentials,
    ).toBe(credentials);
  });

  it('shows the secret on `s`, and fetches fresh credentials on `r`, masked again', () => {
    let state = run(onCredentials(), { type: 'secretToggled' });
    expect(screenOf(state, 'credentials').showSecret).toBe(true);
    state = run(state, { type: 'credentialsRefreshRequested' });
    expect(screenOf(state, 'credentials')).toMatchObject({ showSecret: false, credentials: undefined });
    expect(lastEffect(state).type).toBe('fetchCredentials');
  });

  it('copies export lines with every variable', () => {
    const effect = lastEffect(run(onCredentials(), { type: 'exportLinesCopied' }));
    expect(effect).toMatchObject({ type: 'copy' });
    expect(effect.type === 'copy' && effect.text).toBe(
      [
        "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'",
        "export AWS_SECRET_ACCESS_KEY='secret/key+value'",
        "export AWS_SESSION_TOKEN='token=='",
        "export AWS_CREDENTIAL_EXPIRATION='2030-01-01T01:00:00Z'",
      ].join('\n'),
    );
  });

  it('opens the console and says where when no browser opened', () => {
    let state = run(onCredentials(), { type: 'consoleRequested' });
    expect(lastEffect(state)).toMatchObject({
      type: 'openConsole',
      roleName: 'Admin',
      credentials,
      region: expect.stringMatching(/^[a-z]{2}-[a-z]+-\d$/),
    });
    state = run(state, {
      type: 'urlOpened',
      purpose: 'console',
      url: 'https://signin.example/x',
      outcome: 'headless',
    });
    expect(screenOf(state, 'credentials').notice).toBe('Open the AWS console at https://signin.example/x');
    state = run(state, { type: 'noticeShown', message: 'Copied the export lines.' });
    expect(screenOf(state, 'credentials').notice).toBe('Copied the export lines.');
  });

  it('shows a failed fetch as an error whose retry fetches again', () => {
    let state = run(signedInWithAccounts(), { type: 'roleChosen', account: prod, roleName: 'Admin' });
    const { request } = screenOf(state, 'credentials');
    state = run(state, { type: 'credentialsFailed', request, message: 'Not granted.' });
    expect(screenOf(state, 'error').message).toBe('Not granted.');
    state = run(state, { type: 'retry' });
    expect(screenOf(state, 'credentials').request).toBeGreaterThan(request);
    expect(lastEffect(state).type).toBe('fetchCredentials');
  });

  it('quits on `q`', () => {
    expect(lastEffect(run(onCredentials(), { type: 'quit' })).type).toBe('quit');
  });
});

describe('export dialog', () => {
  it('proposes --profile, else the name used last, else one made from account and role', () => {
    const made = run(onCredentials(), { type: 'exportOpened' });
    expect(screenOf(made, 'exportDialog')).toMatchObject({
      profileName: 'payments-prod.Admin',
      target: 'static',
    });
    const remembered = run(onCredentials(), {
      type: 'picksChanged',
      picks: { ...noPicks, profileNames: { [`${prod.accountId}/Admin`]: 'pay' } },
      at: listedAt,
    });
    expect(screenOf(run(remembered, { type: 'exportOpened' }), 'exportDialog').profileName).toBe('pay');
    let flagged = initialState({ sessions: [session], picks: noPicks, now: listedAt, profile: 'work' });
    flagged = run(
      flagged,
      { type: 'tokenChecked', expiresAt },
      { type: 'roleChosen', account: prod, roleName: 'Admin' },
    );
    const { request } = screenOf(flagged, 'credentials');
    flagged = run(flagged, { type: 'credentialsReceived', request, credentials }, { type: 'exportOpened' });
    expect(screenOf(flagged, 'exportDialog').profileName).toBe('work');
  });

  it('switches target on Tab and writes on Enter', () => {
    let state = run(
      onCredentials(),
      { type: 'exportOpened' },
      { type: 'profileNameEdited', edit: { kind: 'clear' } },
      { type: 'profileNameEdited', edit: typed('prod') },
      { type: 'exportTargetSwitched' },
      { type: 'exportSubmitted' },
    );
    expect(screenOf(state, 'exportDialog').phase).toBe('writing');
    const effect = effectOf(state, 'export');
    expect(effect.export).toMatchObject({ target: 'sso', profile: 'prod', roleName: 'Admin', force: false });
    state = run(state, {
      type: 'exportWritten',
      request: effect.request,
      file: '/h/.aws/config',
      profile: 'prod',
    });
    expect(screenOf(state, 'exportDialog')).toMatchObject({
      phase: 'done',
      written: { file: '/h/.aws/config' },
    });
    expect(lastEffect(state)).toMatchObject({
      type: 'rememberProfileName',
      profile: 'prod',
      roleName: 'Admin',
    });
    expect(run(state, { type: 'back' }).screen.kind).toBe('credentials');
  });

  it('asks before overwriting: yes writes with force, no goes back to editing', () => {
    let state = run(onCredentials(), { type: 'exportOpened' }, { type: 'exportSubmitted' });
    state = run(state, { type: 'exportExists', request: effectOf(state, 'export').request });
    expect(screenOf(state, 'exportDialog').phase).toBe('confirmOverwrite');
    expect(screenOf(run(state, { type: 'overwriteAnswered', yes: false }), 'exportDialog').phase).toBe(
      'editing',
    );
    const yes = run(state, { type: 'overwriteAnswered', yes: true });
    expect(lastEffect(yes)).toMatchObject({ type: 'export', export: { force: true } });
  });

  it('refuses a name the AWS files refuse (one rule: a*b and spaces alike) and shows a failed write', () => {
    const starred = run(
      onCredentials(),
      { type: 'exportOpened' },
      { type: 'profileNameEdited', edit: { kind: 'clear' } },
      { type: 'profileNameEdited', edit: typed('a*b') },
      { type: 'exportSubmitted' },
    );
    expect(screenOf(starred, 'exportDialog').problem).toMatch(/"a\*b" cannot be used as a profile name/);
    expect(starred.outbox).toEqual([]);

    let state = run(
      onCredentials(),
      { type: 'exportOpened' },
      { type: 'profileNameEdited', edit: typed(' x') },
      { type: 'exportSubmitted' },
    );
    expect(screenOf(state, 'exportDialog').problem).toMatch(/would not read it back/);
    expect(state.outbox).toEqual([]);
    state = run(state, { type: 'profileNameEdited', edit: { kind: 'clear' } });
    state = run(state, { type: 'profileNameEdited', edit: typed('ok') }, { type: 'exportSubmitted' });
    state = run(state, {
      type: 'exportFailed',
      request: effectOf(state, 'export').request,
      message: 'Locked.',
    });
    expect(screenOf(state, 'exportDialog')).toMatchObject({ phase: 'editing', problem: 'Locked.' });
  });
});

describe('keeping the sign-in alive while the screen is open', () => {
  const onAccounts = (): FlowState =>
    run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });

  it('plans a renewal of the token it starts with, and shows when it is planned', () => {
    const state = onAccounts();
    expect(effectOf(state, 'keepSignInAlive').expiresAt).toBe(expiresAt);
    const renewsAt = new Date(expiresAt.getTime() - 15 * 60_000);
    expect(run(state, { type: 'tokenRenewalPlanned', at: renewsAt }).data.signInRenewsAt).toBe(renewsAt);
  });

  it('keeps the renewed token and plans the next renewal, on the same screen', () => {
    const renewed = new Date(expiresAt.getTime() + 3600_000);
    const state = run(onAccounts(), { type: 'tokenRenewed', expiresAt: renewed });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.signInExpiresAt).toBe(renewed);
    expect(lastEffect(state)).toMatchObject({ type: 'keepSignInAlive', expiresAt: renewed });
  });

  it('after a failed renewal tries again, and never sends the user to sign in', () => {
    const state = run(onAccounts(), { type: 'tokenRenewalFailed' });
    expect(state.screen.kind).toBe('accounts');
    expect(lastEffect(state)).toMatchObject({ type: 'keepSignInAlive', expiresAt });
  });
});

describe('an expired session (401)', () => {
  it('signs in again and comes back to the credentials, fetching them afresh', () => {
    let state = run(signedInWithAccounts(), { type: 'roleChosen', account: prod, roleName: 'Admin' });
    state = run(state, { type: 'sessionExpired' });
    const signIn = screenOf(state, 'signIn');
    expect(signIn.reason).toMatch(/expired/);
    expect(signIn.resume.kind).toBe('credentials');
    state = run(
      state,
      { type: 'effectsTaken', upTo: state.nextId },
      { type: 'signedIn', attempt: signIn.attempt, expiresAt },
    );
    expect(screenOf(state, 'credentials').roleName).toBe('Admin');
    expect(lastEffect(state).type).toBe('fetchCredentials');
  });

  it('restarts the listing the 401 interrupted', () => {
    let state = run(signedInWithAccounts(), { type: 'refreshRequested' }, { type: 'sessionExpired' });
    expect(state.data.accountsLoad.status).toBe('interrupted');
    const { attempt } = screenOf(state, 'signIn');
    state = run(state, { type: 'signedIn', attempt, expiresAt });
    expect(state.screen.kind).toBe('accounts');
    expect(state.data.accountsLoad.status).toBe('loading');
    expect(lastEffect(state).type).toBe('loadAccounts');
  });

  it('restarts the role listing the 401 interrupted, favorites and recent picks first as it ranked them', () => {
    const picks: UserPicks = {
      favorites: [qa.accountId],
      recents: [{ accountId: dev.accountId, count: 1, lastPickedAt: listedAt.toISOString() }],
      profileNames: {},
    };
    let state = run(initialState({ sessions: [session], picks, now: listedAt }), {
      type: 'tokenChecked',
      expiresAt,
    });
    const { generation } = effectOf(state, 'loadAccounts');
    state = run(
      state,
      { type: 'accountsPage', generation, accounts: [prod, dev, qa] },
      { type: 'accountsLoaded', generation, at: listedAt },
    );
    const ranked = [qa.accountId, dev.accountId, prod.accountId];
    expect(effectOf(state, 'loadRoles')).toMatchObject({ accountIds: ranked, accountCount: 3 });
    state = run(state, { type: 'effectsTaken', upTo: state.nextId }, { type: 'sessionExpired' });
    expect(state.data.rolesLoad.status).toBe('interrupted');
    const { attempt } = screenOf(state, 'signIn');
    state = run(state, { type: 'signedIn', attempt, expiresAt });
    expect(state.data.rolesLoad.status).toBe('loading');
    expect(effectOf(state, 'loadRoles')).toMatchObject({ accountIds: ranked, accountCount: 3 });
  });

  it('comes back to the export dialog ready to write again', () => {
    let state = run(
      onCredentials(),
      { type: 'exportOpened' },
      { type: 'exportSubmitted' },
      { type: 'sessionExpired' },
    );
    const { attempt } = screenOf(state, 'signIn');
    state = run(state, { type: 'signedIn', attempt, expiresAt });
    expect(screenOf(state, 'exportDialog').phase).toBe('editing');
  });

  it('is ignored while signing in', () => {
    const state = run(initialState({ sessions: [session], picks: noPicks, now: listedAt }), {
      type: 'tokenChecked',
    });
    expect(run(state, { type: 'sessionExpired' })).toBe(state);
  });
});

describe('the outbox', () => {
  it('drops the effects the effect runner has taken', () => {
    const state = run(
      signedInWithAccounts(),
      { type: 'favoriteToggled', accountId: prod.accountId, height: 10 },
      { type: 'quit' },
    );
    const [first] = state.outbox;
    const rest = run(state, { type: 'effectsTaken', upTo: first!.id });
    expect(rest.outbox.map((effect) => effect.type)).toEqual(['quit']);
  });
});
