import { join } from 'node:path';
import { configFileContents, configFileProfiles, profilesMentioning } from './awsFiles/awsConfigFile.js';
import { readRegularFile, refuseIfNotRegular } from './regularFile.js';
import { parseIni, type IniDocument } from './awsFiles/iniParser.js';
import type { Environment } from './endpoints.js';
import { UsageError, UserError } from './errors.js';
import { DEFAULT_SCOPES, sessionDisplayName, type SsoSession } from './ssoSession.js';

export interface SessionChoice {
  readonly sessionName?: string;
  readonly startUrl?: string;
  readonly region?: string;
}

export function configFilePath(homeDir: string, env: Environment): string {
  return env.AWS_CONFIG_FILE || join(homeDir, '.aws', 'config');
}

export function credentialsFilePath(homeDir: string, env: Environment): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir, '.aws', 'credentials');
}

/**
 * The AWS SDK reads the whole credentials and config files whenever one of its clients starts (for its own
 * settings), with a plain read that a FIFO there would block for ever: a command that calls Identity
 * Center refuses such a file first, as `export` does.
 */
export async function refuseSpecialAwsFiles(homeDir: string, env: Environment): Promise<void> {
  await refuseIfNotRegular(credentialsFilePath(homeDir, env));
  await refuseIfNotRegular(configFilePath(homeDir, env));
}

/** Every `[sso-session NAME]` of the config file, in file order. */
export async function readSsoSessions(configFile: string): Promise<SsoSession[]> {
  let text: string | undefined;
  try {
    // Never a plain read: a FIFO in the config file's place would hang the program.
    text = await readRegularFile(configFile);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Could not read ${configFile}: ${(error as Error).message}.`);
  }
  if (text === undefined) return [];
  const document = parseIni(text);
  const unreadable = unreadableSessions(document, configFile);
  const contents = configFileContents(document);
  const sessions: SsoSession[] = [];
  for (const [name, values] of contents.ssoSessions) {
    const startUrl = values.sso_start_url;
    const region = values.sso_region;
    const problem = unreadable.get(name);
    if ((!startUrl || !region) && problem === undefined) continue;
    sessions.push({
      name,
      startUrl: startUrl ?? '',
      region: region ?? '',
      scopes: parseScopes(values.sso_registration_scopes),
      ...(problem === undefined ? {} : { unreadable: problem }),
    });
  }
  for (const [name, problem] of unreadable) {
    if (!contents.ssoSessions.has(name)) {
      sessions.push({ name, startUrl: '', region: '', scopes: DEFAULT_SCOPES, unreadable: problem });
    }
  }
  // Only a profile with a start URL can be one: the others' lines are not read.
  const withStartUrl = profilesMentioning(document, 'sso_start_url');
  const profiles = withStartUrl.size === 0 ? new Map() : configFileProfiles(document, withStartUrl);
  return [...sessions, ...legacySessions(profiles, contents.ssoSessions)];
}

/**
 * `[profile X]` sections with `sso_start_url` and `sso_region` and no `sso_session`, as AWS CLI and the SDKs
 * still read them: one session per start URL and region (profiles for several roles share one sign-in),
 * unless an `[sso-session]` has the profile's name, which wins.
 */
function legacySessions(
  profiles: ReadonlyMap<string, Readonly<Record<string, string>>>,
  ssoSessions: ReadonlyMap<string, unknown>,
): SsoSession[] {
  const byStart = new Map<string, { startUrl: string; region: string; profiles: string[] }>();
  for (const [profile, values] of profiles) {
    const startUrl = values.sso_start_url;
    const region = values.sso_region;
    if (!startUrl || !region || values.sso_session || ssoSessions.has(profile)) continue;
    const key = `${startUrl} ${region}`;
    const found = byStart.get(key);
    if (found) found.profiles.push(profile);
    else byStart.set(key, { startUrl, region, profiles: [profile] });
  }
  return [...byStart.values()].map(({ startUrl, region, profiles: names }) => ({
    startUrl,
    region,
    scopes: DEFAULT_SCOPES,
    legacyProfiles: names,
  }));
}

/**
 * The sessions whose section has a line that cannot be read: one chosen is refused (guessing could sign in
 * to the wrong place); the others are no reason to refuse a command that does not use them.
 */
function unreadableSessions(document: IniDocument, configFile: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const section of document.sections) {
    if (section.kind !== 'sso-session' || found.has(section.name)) continue;
    const problem = section.problems[0];
    if (problem) {
      found.set(
        section.name,
        `${configFile} line ${problem.line} in [sso-session ${section.name}] cannot be read: ${problem.message}.`,
      );
    }
  }
  return found;
}

/**
 * The session a command works with: `--start-url`/`--region` win; otherwise `--sso-session`, or the only
 * session in the config file. Several sessions and no choice is a usage error that lists them.
 */
export function chooseSession(sessions: readonly SsoSession[], choice: SessionChoice): SsoSession {
  const chosen = chooseAnySession(sessions, choice);
  if (chosen.unreadable !== undefined)
    throw new UserError(chosen.unreadable, 'Fix that line, then try again.');
  return chosen;
}

function chooseAnySession(sessions: readonly SsoSession[], choice: SessionChoice): SsoSession {
  const named = choice.sessionName ? findSession(sessions, choice.sessionName) : undefined;
  if (choice.startUrl) {
    const region = choice.region ?? named?.region;
    if (!region) {
      throw new UsageError('A start URL needs the Identity Center region it belongs to.', undefined, {
        next: 'give-region',
      });
    }
    return {
      ...(named?.legacyProfiles ? { legacyProfiles: named.legacyProfiles } : { name: choice.sessionName }),
      startUrl: choice.startUrl,
      region,
      scopes: named?.scopes ?? DEFAULT_SCOPES,
    };
  }
  if (choice.sessionName) {
    if (!named) {
      throw new UsageError(
        `There is no [sso-session ${choice.sessionName}] (nor an SSO [profile ${choice.sessionName}]) in the AWS config file.`,
        sessionListHint(sessions),
      );
    }
    return choice.region ? { ...named, region: choice.region } : named;
  }
  // Legacy profiles are the fallback: a config with one [sso-session] and leftover legacy profiles keeps
  // working without --sso-session, and one with legacy profiles only works too.
  const sectioned = sessions.filter((session) => session.name !== undefined);
  const [only, ...others] = sectioned.length > 0 ? sectioned : sessions;
  if (!only) {
    throw new UsageError('No [sso-session] is configured in the AWS config file.', undefined, {
      next: 'configure-session',
    });
  }
  if (others.length > 0) {
    throw new UsageError('Several SSO sessions are configured.', sessionListHint(sessions), {
      next: 'choose-session',
    });
  }
  return choice.region ? { ...only, region: choice.region } : only;
}

/** By `[sso-session]` name first, then by the name of a legacy profile. */
function findSession(sessions: readonly SsoSession[], name: string): SsoSession | undefined {
  return (
    sessions.find((session) => session.name === name) ??
    sessions.find((session) => session.legacyProfiles?.includes(name))
  );
}

function sessionListHint(sessions: readonly SsoSession[]): string {
  if (sessions.length === 0) return 'None is configured.';
  return `Configured: ${sessions.map(sessionDisplayName).join(', ')}.`;
}

function parseScopes(value: string | undefined): readonly string[] {
  const scopes = (value ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  return scopes.length > 0 ? scopes : DEFAULT_SCOPES;
}
