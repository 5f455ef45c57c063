import type { Area } from './areas.js';
import { CREDENTIALS_EVENTS } from './credentialsEvents.js';
import { enter } from './enterScreen.js';
import type { FlowEvent, FlowWideEvent } from './events.js';
import { EXPORT_EVENTS } from './exportEvents.js';
import { LIST_EVENTS } from './listEvents.js';
import { LISTING_EVENTS } from './listingEvents.js';
import { POPULATE_EVENTS } from './populateEvents.js';
import { SESSION_EVENTS } from './sessionEvents.js';
import { SIGN_IN_EVENTS } from './signInEvents.js';
import { EMPTY_LIST, type FlowState } from './state.js';
import { queue, withScreen } from './stateUpdates.js';

/** Each area's reducer by the events it takes (named once, in the area's file). */
const ROUTES = new Map<FlowEvent['type'], (state: FlowState, event: FlowEvent) => FlowState>();
for (const { takes, reduce: reduceArea } of [
  SESSION_EVENTS,
  SIGN_IN_EVENTS,
  LISTING_EVENTS,
  LIST_EVENTS,
  POPULATE_EVENTS,
  CREDENTIALS_EVENTS,
  EXPORT_EVENTS,
] as readonly Area<never>[]) {
  for (const type of Object.keys(takes) as FlowEvent['type'][]) {
    if (ROUTES.has(type)) throw new Error(`Two areas of the flow take the event ${type}.`);
    ROUTES.set(type, reduceArea as (state: FlowState, event: FlowEvent) => FlowState);
  }
}

/** The whole screen flow: a pure function of the state and one event. */
export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const area = ROUTES.get(event.type);
  // Every event not in FlowWideEvent belongs to an area, whose list of the events it takes is checked whole.
  return area ? area(state, event) : flowWideEvent(state, event as FlowWideEvent);
}

function flowWideEvent(state: FlowState, event: FlowWideEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
    case 'effectsTaken':
      return { ...state, outbox: state.outbox.filter((effect) => effect.id > event.upTo) };
    case 'urlOpened':
      if (event.purpose === 'signIn' && screen.kind === 'signIn') {
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
    case 'noticeShown':
      if (screen.kind !== 'credentials' && screen.kind !== 'signIn') return state;
      return withScreen(state, { ...screen, notice: event.message });
    case 'helpShown':
      return { ...state, helpFor: screen.kind };
    case 'helpClosed':
      return { ...state, helpFor: undefined };
    case 'back':
      return back(state);
    case 'retry':
      return screen.kind === 'error' ? enter(state, screen.retry) : state;
    case 'quit':
      return queue(
        state,
        screen.kind === 'error' ? { type: 'quit', failure: screen.message } : { type: 'quit' },
      );
  }
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
    case 'signIn': {
      const cancelled = queue(state, { type: 'cancelSignIn' });
      return withScreen(cancelled, { kind: 'error', message: 'The sign-in was cancelled.', retry: screen });
    }
    case 'accounts':
      return data.sessions.length > 1
        ? withScreen(state, { kind: 'sessionPicker', list: EMPTY_LIST })
        : quit();
    case 'error':
      return data.signInExpiresAt && screen.retry.kind !== 'accounts'
        ? enter(state, { kind: 'accounts' })
        : queue(state, { type: 'quit', failure: screen.message });
    case 'setup':
      return queue(state, {
        type: 'quit',
        failure: 'No SSO session was saved; run sso-tui again to set one up.',
      });
    default:
      return quit();
  }
}
