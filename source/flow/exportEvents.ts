import { area } from './areas.js';
import { profileNameProblem, proposeProfileName } from './profileName.js';
import { credentialsRegion, isRegionName } from '../services/regions.js';
import type { FlowData, FlowState } from './state.js';
import { queue, takeId, withScreen } from './stateUpdates.js';
import { applyTextEdit, type TextEdit } from './textEdit.js';

/** The export dialog over the credentials screen: naming the profile, writing it, confirming an overwrite. */
export type ExportEvent =
  /** Moves the export dialog's focus between the profile name and the region. */
  | { readonly type: 'exportFieldSwitched' }
  | { readonly type: 'exportOpened' }
  | { readonly type: 'profileNameEdited'; readonly edit: TextEdit }
  | { readonly type: 'exportTargetSwitched' }
  | { readonly type: 'exportSubmitted' }
  | { readonly type: 'overwriteAnswered'; readonly yes: boolean }
  | {
      readonly type: 'exportWritten';
      readonly request: number;
      readonly file: string;
      readonly profile: string;
    }
  | { readonly type: 'exportExists'; readonly request: number }
  | { readonly type: 'exportFailed'; readonly request: number; readonly message: string };

export function exportEvent(state: FlowState, event: ExportEvent): FlowState {
  const { screen, data } = state;
  switch (event.type) {
    case 'exportOpened': {
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      const over = { ...screen, credentials: screen.credentials, notice: undefined };
      const region = accountRegion(data, screen.account.accountId);
      return withScreen(state, {
        kind: 'exportDialog',
        over,
        field: 'profileName',
        profileName: proposeProfileName(screen.account, screen.roleName, data.picks, data.profileOption),
        region,
        proposedRegion: region,
        target: 'static',
        phase: 'editing',
        request: 0,
      });
    }
    case 'profileNameEdited':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, {
        ...screen,
        [screen.field]: applyTextEdit(screen[screen.field], event.edit),
        problem: undefined,
      });
    case 'exportFieldSwitched':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, {
        ...screen,
        field: screen.field === 'profileName' ? 'region' : 'profileName',
      });
    case 'exportTargetSwitched':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      return withScreen(state, { ...screen, target: screen.target === 'static' ? 'sso' : 'static' });
    case 'exportSubmitted': {
      if (screen.kind !== 'exportDialog' || screen.phase !== 'editing') return state;
      const problem =
        profileNameProblem(screen.profileName) ??
        (isRegionName(screen.region.trim()) ? undefined : 'Type the region as AWS names it, like eu-west-1.');
      return problem ? withScreen(state, { ...screen, problem }) : writeExport(state, false);
    }
    case 'overwriteAnswered':
      if (screen.kind !== 'exportDialog' || screen.phase !== 'confirmOverwrite') return state;
      return event.yes ? writeExport(state, true) : withScreen(state, { ...screen, phase: 'editing' });
    case 'exportWritten': {
      if (screen.kind !== 'exportDialog' || screen.request !== event.request) return state;
      const written = { file: event.file, profile: event.profile };
      const accountId = screen.over.account.accountId;
      const remembered = queue(withScreen(state, { ...screen, phase: 'done', written }), {
        type: 'rememberProfileName',
        accountId,
        roleName: screen.over.roleName,
        profile: event.profile,
      });
      const region = screen.region.trim();
      return region === screen.proposedRegion
        ? remembered
        : queue(remembered, { type: 'rememberAccountRegion', accountId, region });
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
      region: screen.region.trim(),
      credentials: screen.over.credentials,
      force,
    },
  });
}

/** The region an account's credentials get on the full screen: the one rule, without a flag. */
export function accountRegion(data: FlowData, accountId: string): string {
  return credentialsRegion({
    env: data.regionEnvironment ?? {},
    remembered: data.picks.accountRegions?.[accountId],
    identityCenterRegion: data.session?.region ?? '',
  }).region;
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const EXPORT_EVENTS = area<ExportEvent>(exportEvent, {
  exportFieldSwitched: true,
  exportOpened: true,
  profileNameEdited: true,
  exportTargetSwitched: true,
  exportSubmitted: true,
  overwriteAnswered: true,
  exportWritten: true,
  exportExists: true,
  exportFailed: true,
});
