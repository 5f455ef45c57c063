import type { SsoSession } from '../services/ssoSession.js';
import { area } from './areas.js';
import { SETUP_FIELDS, setupChoice, setupProblem, setupRegions, setupScreen } from './setupForm.js';
import { EMPTY_LIST, type FlowData, type FlowState } from './state.js';
import { queue, withData, withScreen } from './stateUpdates.js';
import { applyTextEdit, type TextEdit } from './textEdit.js';

/** Choosing a session in the picker, or setting one up in the form. */
export type SessionEvent =
  | { readonly type: 'sessionChosen'; readonly session: SsoSession }
  /** Edits the focused field of the setup form. */
  | { readonly type: 'setupEdited'; readonly edit: TextEdit }
  | { readonly type: 'setupFieldSwitched'; readonly direction?: 1 | -1 }
  /** Moves the highlight in the setup form's region list. */
  | { readonly type: 'setupRegionMoved'; readonly delta: 1 | -1 }
  /** From an error: back to the setup form, filled with the chosen session, to correct it. */
  | { readonly type: 'setupEditRequested' }
  | { readonly type: 'setupSubmitted' }
  | { readonly type: 'sessionSaved'; readonly session: SsoSession }
  | { readonly type: 'sessionSaveFailed'; readonly message: string };

export function sessionEvent(state: FlowState, event: SessionEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
    case 'sessionChosen':
    case 'sessionSaved':
      return chooseSession(state, event.session);
    case 'setupEdited': {
      if (screen.kind !== 'setup' || screen.verifying) return state;
      const key = screen.field === 'region' ? 'regionQuery' : screen.field;
      return withScreen(state, {
        ...screen,
        [key]: applyTextEdit(screen[key], event.edit),
        ...(screen.field === 'region' ? { regionCursor: 0 } : {}),
        problem: undefined,
      });
    }
    case 'setupFieldSwitched': {
      if (screen.kind !== 'setup' || screen.verifying) return state;
      const next = SETUP_FIELDS.indexOf(screen.field) + (event.direction ?? 1) + SETUP_FIELDS.length;
      return withScreen(state, { ...screen, field: SETUP_FIELDS[next % SETUP_FIELDS.length]! });
    }
    case 'setupRegionMoved': {
      if (screen.kind !== 'setup' || screen.verifying || screen.field !== 'region') return state;
      const count = setupRegions(screen).length;
      const cursor = Math.max(0, Math.min(count - 1, screen.regionCursor + event.delta));
      return withScreen(state, { ...screen, regionCursor: cursor, problem: undefined });
    }
    case 'setupEditRequested':
      if (screen.kind !== 'error') return state;
      return queue(withScreen(state, setupScreen(state.data.session)), { type: 'cancelSignIn' });
    case 'setupSubmitted': {
      if (screen.kind !== 'setup' || screen.verifying) return state;
      const problem = setupProblem(screen, screen.field);
      if (problem) return withScreen(state, { ...screen, problem });
      if (screen.field !== 'sessionName') {
        return withScreen(state, { ...screen, field: SETUP_FIELDS[SETUP_FIELDS.indexOf(screen.field) + 1]! });
      }
      const checked = setupChoice(screen);
      if ('problem' in checked) return withScreen(state, { ...screen, ...checked });
      return queue(withScreen(state, { ...screen, verifying: true, problem: undefined }), {
        type: 'saveSession',
        ...checked.choice,
      });
    }
    case 'sessionSaveFailed':
      if (screen.kind !== 'setup') return state;
      return withScreen(state, { ...screen, verifying: false, problem: event.message });
  }
}

function chooseSession(state: FlowState, session: NonNullable<FlowData['session']>): FlowState {
  // A session saved again under its name (corrected from an error) replaces the one it was.
  const others = state.data.sessions.filter(
    (other) =>
      !(other.name === session.name && (other.name !== undefined || other.startUrl === session.startUrl)),
  );
  const fresh = withData(state, {
    session,
    sessions: [...others, session],
    accounts: [],
    incoming: undefined,
    roles: new Map(),
    accountsLoad: { generation: state.data.accountsLoad.generation, status: 'idle' },
    rolesLoad: { generation: state.data.rolesLoad.generation, status: 'idle' },
    accountsList: EMPTY_LIST,
    change: undefined,
    note: undefined,
    signInExpiresAt: undefined,
    signInRenewsAt: undefined,
  });
  return queue(withScreen(fresh, { kind: 'checkingToken' }), { type: 'loadToken', session });
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const SESSION_EVENTS = area<SessionEvent>(sessionEvent, {
  sessionChosen: true,
  setupEdited: true,
  setupFieldSwitched: true,
  setupRegionMoved: true,
  setupEditRequested: true,
  setupSubmitted: true,
  sessionSaved: true,
  sessionSaveFailed: true,
});
