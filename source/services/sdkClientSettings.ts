import { NODE_APP_ID_CONFIG_OPTIONS } from '@aws-sdk/core/client';
import { NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes';
import {
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
} from '@smithy/core/config';
import { NODE_RETRY_MODE_CONFIG_OPTIONS } from '@smithy/core/retry';
import { excerpt, readAsJsSdk, scanAsJsSdk, type AwsFileKind } from './awsFiles/sdkReadings.js';
import type { Environment } from './endpoints.js';
import { readRegularFile } from './regularFile.js';
import { configFilePath, credentialsFilePath } from './sessionConfig.js';

type Profile = Readonly<Record<string, string>>;

interface SettingOptions<T> {
  readonly environmentVariableSelector: (
    env: Record<string, string | undefined>,
    options?: object,
  ) => T | undefined;
  readonly configFileSelector: (profile: Record<string, string | undefined>) => T | undefined;
  readonly default: T;
}

// Not exported by @smithy/core; `resolveDefaultsModeConfig` loads it so.
const DEFAULTS_MODE_OPTIONS: SettingOptions<string> = {
  environmentVariableSelector: (env) => env.AWS_DEFAULTS_MODE,
  configFileSelector: (profile) => profile.defaults_mode,
  default: 'legacy',
};

/** The settings an AWS SDK client would otherwise load from the shared files, each a provider. */
export interface SdkClientSettings {
  readonly useFipsEndpoint: () => Promise<boolean>;
  readonly useDualstackEndpoint: () => Promise<boolean>;
  readonly retryMode: () => Promise<string>;
  readonly defaultsMode: () => Promise<string>;
  readonly userAgentAppId: () => Promise<string | undefined>;
  readonly authSchemePreference: () => Promise<string[]>;
}

/**
 * The settings the AWS SDK for JavaScript gives a client it creates without them, resolved as its
 * `loadConfig` resolves them (the environment, then the profile `AWS_PROFILE` or `default` of the config
 * file over the credentials file, then the default), but from one reading of the files shared by every
 * setting and client: left to itself, the SDK parses the whole config file once per setting, which for a
 * file of 10,000 profiles costs more than the rest of a command. The files are read when a setting is
 * first asked for, as the SDK reads them. Undefined where this reading might not be the SDK's (a profile
 * name with a `.`, or one an object already has; a path starting with `~/`): the SDK then reads the files
 * itself.
 */
export function sdkClientSettings(homeDir: string, env: Environment): SdkClientSettings | undefined {
  const name = env.AWS_PROFILE || 'default';
  const configFile = configFilePath(homeDir, env);
  const credentialsFile = credentialsFilePath(homeDir, env);
  if (name.includes('.') || name in EMPTY_OBJECT) return undefined;
  if (configFile.startsWith('~/') || credentialsFile.startsWith('~/')) return undefined;
  let profile: Promise<Profile> | undefined;
  const read = (): Promise<Profile> =>
    (profile ??= Promise.all([
      profileIn(credentialsFile, 'credentials', name),
      profileIn(configFile, 'config', name),
    ]).then(([credentials, config]) => ({ ...credentials, ...config })));
  const environment = env as Record<string, string | undefined>;
  const setting = <T>(options: SettingOptions<T>): (() => Promise<T>) => {
    let resolved: Promise<T> | undefined;
    return () => (resolved ??= resolve(options, environment, read));
  };
  return {
    useFipsEndpoint: setting(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS as SettingOptions<boolean>),
    useDualstackEndpoint: setting(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS as SettingOptions<boolean>),
    retryMode: setting(NODE_RETRY_MODE_CONFIG_OPTIONS as SettingOptions<string>),
    defaultsMode: setting(DEFAULTS_MODE_OPTIONS),
    userAgentAppId: setting(NODE_APP_ID_CONFIG_OPTIONS as SettingOptions<string | undefined>),
    authSchemePreference: setting(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS as SettingOptions<string[]>),
  };
}

const EMPTY_OBJECT = {};

// `loadConfig`'s chain: a selector that throws or finds nothing passes to the next source.
async function resolve<T>(
  options: SettingOptions<T>,
  env: Record<string, string | undefined>,
  read: () => Promise<Profile>,
): Promise<T> {
  const fromEnv = attempt(() => options.environmentVariableSelector(env, {}));
  if (fromEnv !== undefined) return fromEnv;
  const profile = await read();
  const fromFiles = attempt(() => options.configFileSelector({ ...profile }));
  if (fromFiles !== undefined) return fromFiles;
  return options.default;
}

function attempt<T>(select: () => T | undefined): T | undefined {
  try {
    return select();
  } catch {
    return undefined;
  }
}

/**
 * One profile's values in one file as the SDK reads them; a file it cannot read (missing, unreadable, or
 * one its parser throws on) holds none. Only the profile's own sections are read: to the SDK a section's
 * values depend on its own lines alone.
 */
async function profileIn(path: string, kind: AwsFileKind, name: string): Promise<Profile> {
  const text = await readRegularFile(path).catch(() => undefined);
  if (text === undefined) return {};
  const scanned = scanAsJsSdk(text, kind);
  if (!scanned.ok) return {};
  const entity = `profile ${name}`;
  // The JavaScript SDK merges every section of the profile, key by key.
  const own = scanned.spans.filter((span) => span.entity === entity);
  const part = excerpt(text, own);
  if (part === undefined) return {};
  const reading = readAsJsSdk(part, kind);
  if (!reading.ok) return {};
  const values: Record<string, string> = {};
  for (const [key, { value }] of reading.reading.entities.get(entity) ?? []) values[key] = value;
  return values;
}
