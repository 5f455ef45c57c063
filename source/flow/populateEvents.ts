import { accountRoleKey } from '../services/accountRoleKey.js';
import type { Account } from '../services/portal.js';
import { area } from './areas.js';
import type { PopulateOutcome, PopulatePair } from './appServices.js';
import type { FlowState } from './state.js';
import { queue, withData } from './stateUpdates.js';

export type PopulateEvent =
  /** Profiles for the rows the query leaves on screen (an account row stands for its known roles). */
  | {
      readonly type: 'populateRequested';
      readonly rows: readonly { readonly account: Account; readonly roleName?: string }[];
    }
  | { readonly type: 'populateWritten'; readonly outcome: PopulateOutcome }
  | { readonly type: 'populateFailed'; readonly message: string };

/**
 * The accounts screen's "profiles for these rows": what `sso-tui populate` does, for the rows on screen.
 * An account row stands for every role known for it; an account whose roles are not listed yet is left
 * out and counted in the note, so nothing is written for roles nobody has seen.
 */
export function populateEvent(state: FlowState, event: PopulateEvent): FlowState {
  const { data } = state;
  switch (event.type) {
    case 'populateRequested': {
      const pairs: PopulatePair[] = [];
      const seen = new Set<string>();
      let unlisted = 0;
      for (const row of event.rows) {
        const roles = row.roleName === undefined ? data.roles.get(row.account.accountId) : [row.roleName];
        if (!roles) {
          unlisted += 1;
          continue;
        }
        for (const roleName of roles) {
          const key = accountRoleKey(row.account.accountId, roleName);
          if (seen.has(key)) continue;
          seen.add(key);
          pairs.push({ account: row.account, roleName });
        }
      }
      const waiting = unlisted > 0 ? ` (${unlisted} accounts left out: their roles are not listed yet)` : '';
      if (pairs.length === 0) {
        return withData(state, {
          note: `No account × role pairs on screen to write profiles for${waiting}.`,
        });
      }
      return queue(withData(state, { note: `Writing ${pairs.length} SSO profiles${waiting}…` }), {
        type: 'populate',
        pairs,
      });
    }
    case 'populateWritten': {
      const { outcome } = event;
      const clashes =
        outcome.clashes > 0
          ? `; ${outcome.clashes} skipped: a profile sso-tui did not write has the name`
          : '';
      return withData(state, {
        note:
          `SSO profiles in ${outcome.file}: ${outcome.added} added, ${outcome.changed} changed, ` +
          `${outcome.unchanged} up to date${clashes}.`,
      });
    }
    case 'populateFailed':
      return withData(state, { note: `No profiles were written: ${event.message}` });
  }
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const POPULATE_EVENTS = area<PopulateEvent>(populateEvent, {
  populateRequested: true,
  populateWritten: true,
  populateFailed: true,
});
