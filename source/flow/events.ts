import type { BrowserOutcome } from '../services/auth/browser.js';
import type { CredentialsEvent } from './credentialsEvents.js';
import type { ExportEvent } from './exportEvents.js';
import type { ListEvent } from './listEvents.js';
import type { ListingEvent } from './listingEvents.js';
import type { PopulateEvent } from './populateEvents.js';
import type { SessionEvent } from './sessionEvents.js';
import type { SignInEvent } from './signInEvents.js';

/** Events of the whole flow rather than one area: help, back, retry, quit, and notices any screen shows. */
export type FlowWideEvent =
  /** The key help over the screen on show: `?` or F1 open it, Esc closes it. */
  | { readonly type: 'helpShown' }
  | { readonly type: 'helpClosed' }
  | { readonly type: 'back' }
  | { readonly type: 'retry' }
  | { readonly type: 'quit' }
  | { readonly type: 'effectsTaken'; readonly upTo: number }
  | {
      readonly type: 'urlOpened';
      readonly purpose: 'signIn' | 'console';
      readonly url: string;
      readonly outcome: BrowserOutcome;
    }
  | { readonly type: 'noticeShown'; readonly message: string };

/** Everything that can happen: keys the screens translate, and answers from the effect runner. */
export type FlowEvent =
  | SessionEvent
  | SignInEvent
  | ListingEvent
  | ListEvent
  | PopulateEvent
  | CredentialsEvent
  | ExportEvent
  | FlowWideEvent;
