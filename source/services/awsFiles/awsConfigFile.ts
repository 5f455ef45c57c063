import { InvalidProfileNameError } from './awsFileErrors.js';
import { isReadableHeader } from './iniEditor.js';
import type { IniDocument, IniProblem, IniSection, IniSectionKind } from './iniParser.js';
import type { AwsFileKind } from './sdkReadings.js';

/** One profile's or session's settings; an `s3 =` block appears as `s3.max_concurrent_requests` keys. */
export type IniValuesByKey = Record<string, string>;

export interface ConfigFileContents {
  readonly profiles: Map<string, IniValuesByKey>;
  readonly ssoSessions: Map<string, IniValuesByKey>;
  readonly problems: ReadonlyArray<IniProblem>;
}

// The session's reading and populate's plan take it from the same parse.
const contentsOf = new WeakMap<IniDocument, ConfigFileContents>();

/**
 * Reads `~/.aws/config` as the AWS SDK for JavaScript does: `[profile x]` and `[default]` are profiles,
 * `[profile default]` replaces `[default]` whole, `[sso-session x]` are sessions and other plain sections
 * (`[x]`) are ignored. A header written twice is merged key by key, the later value winning.
 */
export function configFileContents(document: IniDocument): ConfigFileContents {
  let contents = contentsOf.get(document);
  if (contents === undefined) {
    // Each part read when first asked for: a session's reading needs no profile's lines.
    let profiles: Map<string, IniValuesByKey> | undefined;
    let ssoSessions: Map<string, IniValuesByKey> | undefined;
    contents = {
      get profiles() {
        profiles ??= profilesAndSessions(document.sections).profiles;
        return profiles;
      },
      get ssoSessions() {
        ssoSessions ??= profilesAndSessions(
          document.sections.filter((section) => section.kind === 'sso-session'),
        ).ssoSessions;
        return ssoSessions;
      },
      get problems() {
        return document.problems;
      },
    };
    contentsOf.set(document, contents);
  }
  return contents;
}

/**
 * `configFileContents(document).profiles`, of the profiles named only: what a question about a few
 * profiles needs, without reading the others' lines or names.
 */
export function configFileProfiles(
  document: IniDocument,
  names: Iterable<string>,
): Map<string, IniValuesByKey> {
  const headers: Array<readonly [IniSectionKind, string]> = [];
  for (const name of names) {
    headers.push(['profile', name]);
    // `[default]` gives values to the default profile too.
    if (name === 'default') headers.push(['plain', 'default']);
  }
  return profilesAndSessions(document.sectionsNamed(headers)).profiles;
}

/**
 * The names of the profiles one of whose sections holds `word` in its text: every profile that has a key
 * of that name is one (and others may be).
 */
export function profilesMentioning(document: IniDocument, word: string): Set<string> {
  const names = new Set<string>();
  for (const section of document.sectionsHolding(word)) {
    const name = profileNameOf(section);
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** The profile a section gives values to (before `[profile default]` and `[default]` are weighed). */
function profileNameOf(section: IniSection): string | undefined {
  if (section.kind === 'profile') return section.name;
  return section.kind === 'plain' && section.name === 'default' ? 'default' : undefined;
}

function profilesAndSessions(
  sections: readonly IniSection[],
): Pick<ConfigFileContents, 'profiles' | 'ssoSessions'> {
  const profiles = new Map<string, IniValuesByKey>();
  const ssoSessions = new Map<string, IniValuesByKey>();
  const plainDefault = new Map<string, IniValuesByKey>();
  for (const section of sections) {
    if (section.kind === 'profile') mergeSection(profiles, section.name, section);
    else if (section.kind === 'sso-session') mergeSection(ssoSessions, section.name, section);
    else if (section.kind === 'plain' && section.name === 'default')
      mergeSection(plainDefault, 'default', section);
  }
  const defaultProfile = plainDefault.get('default');
  if (defaultProfile && !profiles.has('default')) profiles.set('default', defaultProfile);
  return { profiles, ssoSessions };
}

/** Adds a section's values to `target[name]`, as the SDKs merge a header written twice. */
export function mergeSection(target: Map<string, IniValuesByKey>, name: string, section: IniSection): void {
  const values: IniValuesByKey = target.get(name) ?? Object.create(null);
  let stored = false;
  for (const entry of section.entries) {
    // As in the SDKs, a key with an empty value holds no value: it only opens a block of sub-keys.
    if (entry.value !== '') {
      values[entry.key] = entry.value;
      stored = true;
    }
    if (entry.subEntries === undefined) continue;
    for (const subEntry of entry.subEntries) {
      values[`${entry.key}.${subEntry.key}`] = subEntry.value;
      stored = true;
    }
  }
  // The SDKs list a section only once it holds a value.
  if (stored || target.has(name)) target.set(name, values);
}

export function validateProfileName(name: string, file?: AwsFileKind): string {
  return validateName(name, 'profile', file);
}

/** The same rule as a value: the reason a name is refused, or undefined. */
export function profileNameRuleBroken(name: string, file?: AwsFileKind): InvalidProfileNameError | undefined {
  try {
    validateProfileName(name, file);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidProfileNameError) return error;
    throw error;
  }
}

export function validateSsoSessionName(name: string): string {
  return validateName(name, 'sso-session', 'config');
}

/**
 * A name is accepted when botocore and the AWS SDK for JavaScript both read its header back as that name,
 * in the file it goes to (either file when that is not known yet): the JavaScript SDK drops
 * `[profile a*b]` in the config file and `[my prof]` in the credentials file; botocore takes
 * `[DEFAULT]` in either as defaults for every section.
 */
function validateName(name: string, what: 'profile' | 'sso-session', file: AwsFileKind | undefined): string {
  const files: readonly AwsFileKind[] = file ? [file] : ['config', 'credentials'];
  const headerIn = (kind: AwsFileKind): string => {
    if (what === 'sso-session') return `sso-session ${name}`;
    if (kind === 'credentials') return name;
    return name === 'default' ? 'default' : `profile ${name}`;
  };
  if (name !== '' && files.every((kind) => isReadableHeader(headerIn(kind), kind))) return name;
  const shown = name === '' ? 'An empty name' : `"${name}"`;
  throw new InvalidProfileNameError(
    `${shown} cannot be used as ${what === 'profile' ? 'a profile' : 'an sso-session'} name: the AWS SDKs would not read it back.`,
    'Use letters, digits and the characters - _ . @ + % : / only.',
  );
}

/**
 * The config file header for a profile: `default` for the default profile, `profile NAME` otherwise. The
 * editor finds `[profile default]` too; this header is only the one a new section gets.
 */
export function configSectionHeader(profile: string): string {
  validateProfileName(profile, 'config');
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

export function credentialsSectionHeader(profile: string): string {
  return validateProfileName(profile, 'credentials');
}

export function ssoSessionSectionHeader(session: string): string {
  return `sso-session ${validateSsoSessionName(session)}`;
}
