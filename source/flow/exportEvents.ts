import type { FlowEvent } from './events.js';
import { profileNameProblem, proposeProfileName } from './profileName.js';
import type { FlowState } from './state.js';
import { queue, takeId, withScreen } from './stateUpdates.js';
import { applyTextEdit } from './textEdit.js';

/** The export dialog over the credentials screen: naming the profile, writing it, confirming an overwrite. */
export type ExportEvent = Extract<
  FlowEvent,
  {
    readonly type:
      | 'exportOpened'
      | 'profileNameEdited'
      | 'exportTargetSwitched'
      | 'exportSubmitted'
      | 'overwriteAnswered'
      | 'exportWritten'
      | 'exportExists'
      | 'exportFailed';
  }
>;

export function exportEvent(state: FlowState, event: ExportEvent): FlowState {
  const { screen, data } = state;
  switch (event.type) {
    case 'exportOpened': {
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      const over = { ...screen, credentials: screen.credentials, notice: undefined };
      return withScreen(state, {
        kind: 'exportDialog',
        over,
        profileName: proposeProfileName(screen.account, screen.roleName, data.picks, data.profileOption),
        target: 'static',
        phase: 'editing',
        request: 0,
      });
    }
    case 'profileNameEdited':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, {
        ...screen,
        profileName: applyTextEdit(screen.profileName, event.edit),
        problem: undefined,
      });
    case 'exportTargetSwitched':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, { ...screen, target: screen.target === 'static' ? 'sso' : 'static' });
    case 'exportSubmitted': {
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      const problem = profileNameProblem(screen.profileName);
      return problem ? withScreen(state, { ...screen, problem }) : writeExport(state, false);
    }
    case 'overwriteAnswered':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'confirmOverwrite') return state;
      return event.yes ? writeExport(state, true) : withScreen(state, { ...screen, phase: 'editing' });
    case 'exportWritten': {
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      const written = { file: event.file, profile: event.profile };
      return queue(withScreen(state, { ...screen, phase: 'done', written }), {
        type: 'rememberProfileName',
        accountId: screen.over.account.accountId,
        roleName: screen.over.roleName,
        profile: event.profile,
      });
    }
    case 'exportExists':
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, phase: 'confirmOverwrite' });
    case 'exportFailed':
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, phase: 'editing', problem: event.message });
  }
}

function writeExport(state: FlowState, force: boolean): FlowState {
  const { screen } = state;
  if (screen.kind !== 'exportDialog') return state;
  const [request, next] = takeId(state);
  return queue(withScreen(next, { ...screen, phase: 'writing', request, problem: undefined }), {
    type: 'export',
    request,
    export: {
      target: screen.target,
      profile: screen.profileName.trim(),
      account: screen.over.account,
      roleName: screen.over.roleName,
      credentials: screen.over.credentials,
      force,
    },
  });
}
