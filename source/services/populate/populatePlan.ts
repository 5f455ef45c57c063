import { accountRoleKey } from '../accountRoleKey.js';
import {
  configFileProfiles,
  configSectionHeader,
  profilesMentioning,
  type IniValuesByKey,
} from '../awsFiles/awsConfigFile.js';
import type { IniDocument } from '../awsFiles/iniParser.js';
import { parseIni } from '../awsFiles/iniParser.js';
import type { ChangedText } from '../awsFiles/changedText.js';
import { changeSections, type IniValues, type SectionEdit } from '../awsFiles/iniEditor.js';
import { updateFile, type BackupTracker } from '../awsFiles/safeWrite.js';
import { uniqueProfileNames, type ProfileTemplate, type RolePair } from './profileNames.js';

/**
 * The key that marks a `[profile …]` section as written by `sso-tui populate`. A key rather than a comment:
 * it stays with the section when the user reorders or reformats the file, and the SDKs ignore keys they do
 * not know (as aws-sso-util's `sso_auto_populated` shows).
 */
export const MANAGED_KEY = 'sso_tui_managed';
const MANAGED_VALUE = 'true';

/** The keys a legacy SSO profile repeats; the SDKs reject a profile whose sso_session disagrees with them. */
const LEGACY_KEYS = ['sso_start_url', 'sso_region'] as const;

export interface WantedProfile {
  readonly name: string;
  readonly pair: RolePair;
}

export interface PlannedProfile extends WantedProfile {
  readonly values: IniValues;
}

export interface RemovedProfile {
  readonly name: string;
  readonly accountId: string;
  readonly roleName: string;
}

export interface ClashedProfile extends WantedProfile {
  /** `hand-written`: a profile sso-tui did not write; `other-session`: one it wrote for another session. */
  readonly reason: 'hand-written' | 'other-session';
}

export interface PopulatePlan {
  readonly added: readonly PlannedProfile[];
  readonly changed: readonly PlannedProfile[];
  readonly unchanged: number;
  readonly removed: readonly RemovedProfile[];
  readonly clashes: readonly ClashedProfile[];
  /** `--prune` was asked for but the listing was not complete, so nothing was removed. */
  readonly pruneSkipped: boolean;
}

export interface PopulateRequest {
  /** The `[sso-session NAME]` the profiles point at. */
  readonly ssoSession: string;
  readonly region: string;
  readonly profiles: readonly WantedProfile[];
  readonly prune: boolean;
  /** Every account's roles were listed: only then can a missing pair mean it is gone. */
  readonly listingComplete: boolean;
}

/**
 * What populate does to a config file's text: profiles to add, managed profiles to change, and with prune
 * the managed profiles of this session whose pair is no longer granted. A profile sso-tui did not write is
 * never touched; a wanted name that one holds is a clash, left out and reported.
 */
export function planPopulate(text: string, request: PopulateRequest): PopulatePlan {
  const document = parseIni(text);
  const existing = configFileProfiles(document, plannedProfiles(document, request));
  // A `[profile x]` with no key yet is no profile to the SDKs, but a second header of that name would be
  // one botocore refuses: it counts as a profile sso-tui did not write.
  const emptySections = new Set(
    document
      .sectionsNamed(request.profiles.map((profile) => ['profile', profile.name] as const))
      .map((section) => section.name),
  );
  const added: PlannedProfile[] = [];
  const changed: PlannedProfile[] = [];
  const clashes: ClashedProfile[] = [];
  let unchanged = 0;
  for (const wanted of request.profiles) {
    const values = profileValues(request, wanted.pair);
    const current = existing.get(wanted.name) ?? (emptySections.has(wanted.name) ? {} : undefined);
    if (!current) {
      added.push({ ...wanted, values });
      continue;
    }
    if (!isManaged(current)) {
      clashes.push({ ...wanted, reason: 'hand-written' });
    } else if (current.sso_session !== request.ssoSession) {
      clashes.push({ ...wanted, reason: 'other-session' });
    } else if (holdsValues(current, values)) {
      unchanged += 1;
    } else {
      changed.push({ ...wanted, values });
    }
  }
  const pruneSkipped = request.prune && !request.listingComplete;
  const removed = request.prune && request.listingComplete ? goneProfiles(existing, request) : [];
  return { added, changed, unchanged, removed, clashes, pruneSkipped };
}

/** The text after the plan: the only sections that change are the ones it names. */
export function applyPopulatePlan(text: string, plan: PopulatePlan): string {
  return changesOfPlan(text, plan).toString();
}

/** `applyPopulatePlan`, the new text kept as the text and its replacements (see `ChangedText`). */
function changesOfPlan(text: string, plan: PopulatePlan): ChangedText {
  return changeSections(
    text,
    [
      ...plan.changed.map((profile): SectionEdit => ({
        header: configSectionHeader(profile.name),
        values: profile.values,
        removeKeys: LEGACY_KEYS,
      })),
      ...plan.removed.map((profile): SectionEdit => ({
        header: configSectionHeader(profile.name),
        remove: true,
      })),
      ...plan.added.map((profile): SectionEdit => ({
        header: configSectionHeader(profile.name),
        values: profile.values,
      })),
    ],
    'config',
  );
}

export function hasChanges(plan: PopulatePlan): boolean {
  return plan.added.length + plan.changed.length + plan.removed.length > 0;
}

/**
 * The profiles a plan reads: the wanted ones, and with prune those it may remove, which sso-tui wrote for
 * this session (one of their sections names the marker key, one the session); the others' lines are not
 * read.
 */
function plannedProfiles(document: IniDocument, request: PopulateRequest): Set<string> {
  const names = new Set(request.profiles.map((profile) => profile.name));
  if (!request.prune) return names;
  const managed = profilesMentioning(document, MANAGED_KEY);
  const ofSession = profilesMentioning(document, request.ssoSession);
  for (const name of managed) if (ofSession.has(name)) names.add(name);
  return names;
}

function profileValues(request: PopulateRequest, pair: RolePair): IniValues {
  return [
    ['sso_session', request.ssoSession],
    ['sso_account_id', pair.accountId],
    ['sso_role_name', pair.roleName],
    ['region', request.region],
    [MANAGED_KEY, MANAGED_VALUE],
  ];
}

function isManaged(values: IniValuesByKey): boolean {
  return values[MANAGED_KEY] !== undefined;
}

function holdsValues(current: IniValuesByKey, values: IniValues): boolean {
  return (
    values.every(([key, value]) => current[key] === value) &&
    LEGACY_KEYS.every((key) => current[key] === undefined)
  );
}

function goneProfiles(existing: Map<string, IniValuesByKey>, request: PopulateRequest): RemovedProfile[] {
  const granted = new Set(request.profiles.map(({ pair }) => accountRoleKey(pair.accountId, pair.roleName)));
  const wantedNames = new Set(request.profiles.map((profile) => profile.name));
  const removed: RemovedProfile[] = [];
  for (const [name, values] of existing) {
    if (!isManaged(values) || values.sso_session !== request.ssoSession || wantedNames.has(name)) continue;
    const accountId = values.sso_account_id ?? '';
    const roleName = values.sso_role_name ?? '';
    if (!granted.has(accountRoleKey(accountId, roleName))) removed.push({ name, accountId, roleName });
  }
  return removed;
}

/**
 * Plans and applies populate on the config file in one locked, atomic, backed-up write; the plan is made
 * from the text read under the lock, so a profile another process wrote meanwhile is seen. A dry run plans
 * only. A plan without changes writes no byte and makes no backup.
 */
export async function populateConfigFile(
  file: string,
  request: PopulateRequest,
  options: { readonly dryRun: boolean; readonly backups: BackupTracker },
): Promise<PopulatePlan> {
  let plan: PopulatePlan | undefined;
  await updateFile(
    file,
    (text) => {
      plan = planPopulate(text, request);
      return options.dryRun || !hasChanges(plan) ? text : changesOfPlan(text, plan);
    },
    { backup: options.backups },
  );
  return plan ?? planPopulate('', request);
}

/** Populate from account × role pairs: names from the template (made unique), then one write. */
export async function populatePairs(
  file: string,
  request: Omit<PopulateRequest, 'profiles'> & {
    readonly pairs: readonly RolePair[];
    readonly template: ProfileTemplate;
  },
  options: { readonly dryRun: boolean; readonly backups: BackupTracker },
): Promise<PopulatePlan> {
  const { pairs, template, ...rest } = request;
  const names = uniqueProfileNames(template, pairs, request.ssoSession);
  const profiles = pairs.map((pair) => ({ pair, name: names.get(pair) as string }));
  return populateConfigFile(file, { ...rest, profiles }, options);
}
