import { InvalidProfileNameError } from './awsFileErrors.js';
import { hasSection } from './iniEditor.js';
import { parseIni } from './iniParser.js';
import type { IniDocument, IniProblem, IniSection } from './iniParser.js';

/** One profile's or session's settings; an `s3 =` block appears as `s3.max_concurrent_requests` keys. */
export type IniValuesByKey = Record<string, string>;

export interface ConfigFileContents {
  readonly profiles: Map<string, IniValuesByKey>;
  readonly ssoSessions: Map<string, IniValuesByKey>;
  readonly problems: ReadonlyArray<IniProblem>;
}

/**
 * Reads `~/.aws/config` as the AWS SDK for JavaScript does: `[profile x]` and `[default]` are profiles,
 * `[profile default]` replaces `[default]` whole, `[sso-session x]` are sessions and other plain sections
 * (`[x]`) are ignored. A header written twice is merged key by key, the later value winning.
 */
export function readConfigFile(text: string): ConfigFileContents {
  return configFileContents(parseIni(text));
}

/** The same, from a document already parsed (a caller that also looks at its sections). */
export function configFileContents(document: IniDocument): ConfigFileContents {
  const profiles = new Map<string, IniValuesByKey>();
  const ssoSessions = new Map<string, IniValuesByKey>();
  const plainDefault = new Map<string, IniValuesByKey>();
  for (const section of document.sections) {
    if (section.kind === 'profile') mergeSection(profiles, section.name, section);
    else if (section.kind === 'sso-session') mergeSection(ssoSessions, section.name, section);
    else if (section.kind === 'plain' && section.name === 'default')
      mergeSection(plainDefault, 'default', section);
  }
  const defaultProfile = plainDefault.get('default');
  if (defaultProfile && !profiles.has('default')) profiles.set('default', defaultProfile);
  return { profiles, ssoSessions, problems: document.problems };
}

/**
 * Reads `~/.aws/credentials`: every plain `[x]` is profile x (`[profile x]` there is not, for the SDKs).
 * A name with white space is left out: the SDKs disagree on it and sso-tui never writes one.
 */
export function readCredentialsFile(text: string): Map<string, IniValuesByKey> {
  const profiles = new Map<string, IniValuesByKey>();
  for (const section of parseIni(text).sections) {
    if (section.kind === 'plain' && !/\s/.test(section.name)) mergeSection(profiles, section.name, section);
  }
  return profiles;
}

function mergeSection(target: Map<string, IniValuesByKey>, name: string, section: IniSection): void {
  const values: IniValuesByKey = target.get(name) ?? Object.create(null);
  let stored = false;
  for (const entry of section.entries) {
    // As in the SDKs, a key with an empty value holds no value: it only opens a block of sub-keys.
    if (entry.value !== '') {
      values[entry.key] = entry.value;
      stored = true;
    }
    for (const subEntry of entry.subEntries ?? []) {
      values[`${entry.key}.${subEntry.key}`] = subEntry.value;
      stored = true;
    }
  }
  // The SDKs list a section only once it holds a value.
  if (stored || target.has(name)) target.set(name, values);
}

// The characters the SDKs accept in `[profile NAME]` and `[sso-session NAME]`.
const SDK_NAME = /^[\w@+.%:/-]+$/;

export function validateProfileName(name: string): string {
  return validateName(name, 'profile');
}

/** The same rule as a value: the reason a name is refused, or undefined. */
export function profileNameRuleBroken(name: string): InvalidProfileNameError | undefined {
  try {
    validateProfileName(name);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidProfileNameError) return error;
    throw error;
  }
}

export function validateSsoSessionName(name: string): string {
  return validateName(name, 'sso-session');
}

function validateName(name: string, what: 'profile' | 'sso-session'): string {
  if (SDK_NAME.test(name) && name !== '__proto__') return name;
  const shown = name === '' ? 'An empty name' : `"${name}"`;
  throw new InvalidProfileNameError(
    `${shown} cannot be used as ${what === 'profile' ? 'a profile' : 'an sso-session'} name: the AWS SDKs would not read it back.`,
    'Use letters, digits and the characters - _ . @ + % : / only.',
  );
}

/**
 * The config file header for a profile: `default` for the default profile, `profile NAME` otherwise. If the
 * file already has `[profile default]`, that section wins over `[default]` in the SDKs, so it is the one
 * to write.
 */
export function configSectionHeader(profile: string, configText = ''): string {
  validateProfileName(profile);
  if (profile !== 'default') return `profile ${profile}`;
  return hasSection(configText, 'profile default') ? 'profile default' : 'default';
}

export function credentialsSectionHeader(profile: string): string {
  return validateProfileName(profile);
}

export function ssoSessionSectionHeader(session: string): string {
  return `sso-session ${validateSsoSessionName(session)}`;
}
