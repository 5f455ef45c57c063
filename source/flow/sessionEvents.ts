import type { FlowEvent } from './events.js';
import { setupProblem } from './setupForm.js';
import { EMPTY_LIST, type FlowData, type FlowState } from './state.js';
import { queue, withData, withScreen } from './stateUpdates.js';
import { applyTextEdit } from './textEdit.js';

/** Choosing a session in the picker, or setting one up in the form. */
export type SessionEvent = Extract<
  FlowEvent,
  {
    readonly type:
      | 'sessionChosen'
      | 'sessionSaved'
      | 'setupEdited'
      | 'setupFieldSwitched'
      | 'setupSubmitted'
      | 'sessionSaveFailed';
  }
>;

export function sessionEvent(state: FlowState, event: SessionEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
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
  }
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
    signInRenewsAt: undefined,
  });
  return queue(withScreen(fresh, { kind: 'checkingToken' }), { type: 'loadToken', session });
}
