import type { Account } from '../source/services/portal.js';
import { seededRandom } from '../source/simulator/organization.js';

export const BACKSPACE = '\x7f';
export const CTRL_U = '\x15';

/** One key the bench types, the query it leaves on screen, and the pause before the next key. */
export interface Keystroke {
  readonly keys: string;
  readonly query: string;
  readonly gapMs: number;
  /** The last key of a phrase: the typist stops to read the rows, so the bench waits for them. */
  readonly reads: boolean;
}

/** Typing gaps: a fast typist, 60–120 ms between keys. */
const GAP_MIN_MS = 60;
const GAP_MAX_MS = 120;
/** Reading the rows after a phrase, before clearing it. */
const READ_MS = 400;

type Step = { readonly type: string } | { readonly backspace: number } | 'clear';

/**
 * What a person types in a big organization: names, role words (`prod admin`), typos, abbreviations, part
 * of an account id and of an email, corrections with Backspace, Ctrl-U to start again.
 */
function steps(accounts: readonly Account[]): Step[] {
  const idPrefix = accounts[Math.floor(accounts.length / 2)]!.accountId.slice(0, 6);
  return [
    { type: 'payments-prod' },
    'clear',
    { type: 'prod admin' },
    { backspace: 5 },
    { type: 'read' },
    'clear',
    { type: 'invnetory' },
    'clear',
    { type: 'fraud detcetion sandbox' },
    'clear',
    { type: idPrefix },
    'clear',
    { type: 'aws+billing' },
    'clear',
    { type: 'sec aud' },
    'clear',
    { type: 'pymnts prd secaud' },
    'clear',
    { type: 'ml-platform-staging' },
    { backspace: 7 },
    { type: 'dev' },
    'clear',
    { type: 'checkout qa' },
    'clear',
  ];
}

/** The keys of the script, each with a gap drawn from a seeded generator so every run types the same. */
export function typingScript(accounts: readonly Account[], seed = 1): Keystroke[] {
  const random = seededRandom(seed);
  const gap = (): number => Math.round(GAP_MIN_MS + random() * (GAP_MAX_MS - GAP_MIN_MS));
  const keystrokes: { keys: string; query: string; gapMs: number; reads: boolean }[] = [];
  let query = '';
  for (const step of steps(accounts)) {
    if (step === 'clear') {
      keystrokes.at(-1)!.reads = true;
      keystrokes.at(-1)!.gapMs = READ_MS;
      query = '';
      keystrokes.push({ keys: CTRL_U, query, gapMs: gap(), reads: false });
    } else if ('type' in step) {
      for (const letter of step.type)
        keystrokes.push({ keys: letter, query: (query += letter), gapMs: gap(), reads: false });
    } else {
      for (let count = 0; count < step.backspace; count++) {
        query = query.slice(0, -1);
        keystrokes.push({ keys: BACKSPACE, query, gapMs: gap(), reads: false });
      }
    }
  }
  return keystrokes;
}
