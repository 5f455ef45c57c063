import { describe, expect, it } from 'vitest';
import { initialState } from '../../source/flow/initialState.js';
import { reduce } from '../../source/flow/reduce.js';
import type { Account } from '../../source/services/portal.js';

const prod: Account = { accountId: '111111111111', accountName: 'payments-prod', emailAddress: '' };
const dev: Account = { accountId: '222222222222', accountName: 'payments-dev', emailAddress: '' };
const fresh: Account = { accountId: '333333333333', accountName: 'new', emailAddress: '' };

function onAccounts() {
  return initialState({
    sessions: [],
    session: { name: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', scopes: [] },
    picks: { favorites: [], recents: [], profileNames: {} },
    now: new Date('2030-01-01T00:00:00Z'),
    warm: {
      signIn: { expiresAt: new Date('2030-01-01T00:00:00Z') },
      lists: {
        accounts: [prod, dev, fresh],
        roles: new Map([
          [prod.accountId, ['Admin', 'ReadOnly']],
          [dev.accountId, ['Dev']],
        ]),
      },
    },
  });
}

describe('populateRequested', () => {
  it('asks for one profile per pair: an account row for its known roles, a role row for itself, no repeats', () => {
    const state = reduce(onAccounts(), {
      type: 'populateRequested',
      rows: [
        { account: prod },
        { account: prod, roleName: 'Admin' },
        { account: dev, roleName: 'Dev' },
        { account: fresh },
      ],
    });
    const effect = state.outbox.at(-1);
    expect(effect?.type).toBe('populate');
    expect(
      effect?.type === 'populate' && effect.pairs.map((p) => `${p.account.accountId}/${p.roleName}`),
    ).toEqual(['111111111111/Admin', '111111111111/ReadOnly', '222222222222/Dev']);
    expect(state.data.note).toBe(
      'Writing 3 SSO profiles (1 accounts left out: their roles are not listed yet)…',
    );
  });

  it('asks for nothing when no row has known roles, and says so', () => {
    const before = onAccounts();
    const state = reduce(before, { type: 'populateRequested', rows: [{ account: fresh }] });
    expect(state.outbox).toEqual(before.outbox);
    expect(state.data.note).toMatch(/^No account × role pairs on screen/);
  });

  it('reports what was written', () => {
    const state = reduce(onAccounts(), {
      type: 'populateWritten',
      outcome: { file: '/h/.aws/config', added: 2, changed: 1, unchanged: 4, clashes: 1 },
    });
    expect(state.data.note).toBe(
      'SSO profiles in /h/.aws/config: 2 added, 1 changed, 4 up to date; 1 skipped: a profile sso-tui did not write has the name.',
    );
  });
});
