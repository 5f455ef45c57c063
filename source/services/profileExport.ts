import {
  configSectionHeader,
  credentialsSectionHeader,
  validateProfileName,
} from './awsFiles/awsConfigFile.js';
import { changeSection, hasSection } from './awsFiles/iniEditor.js';
import type { AwsFileKind } from './awsFiles/sdkReadings.js';
import { updateFile, type BackupTracker } from './awsFiles/safeWrite.js';
import { ProfileExistsError } from './errors.js';
import type { RoleCredentials } from './portal.js';

export interface ExportedProfile {
  readonly file: string;
  readonly profile: string;
  /** False when the file already held exactly these values. */
  readonly changed: boolean;
  /** The file's mode when group or others could read it; it is 0600 now. */
  readonly narrowedFromMode?: number;
}

interface ExportOptions {
  readonly file: string;
  readonly profile: string;
  readonly force: boolean;
  /** Files already backed up in this run (`<file>.sso-tui.bak` is made once per run). */
  readonly backups: BackupTracker;
}

// Keys that make the SDKs take credentials from somewhere else than what is being written: a profile
// replaced with --force loses them; its settings (region, output, `s3 =` blocks) stay.
const ROLE_SOURCE_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'credential_process',
] as const;
const SSO_SOURCE_KEYS = [
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'sso_role_name',
  'sso_region',
] as const;
const STATIC_SOURCE_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

/**
 * `[P]` in the credentials file with the three static keys; keys of another credential source go, other
 * keys of the section stay.
 */
export async function exportStaticProfile(
  options: ExportOptions & { readonly credentials: RoleCredentials },
): Promise<ExportedProfile> {
  const profile = validateProfileName(options.profile, 'credentials');
  const { credentials } = options;
  return writeProfile(options, profile, credentialsSectionHeader(profile), 'credentials', {
    values: [
      ['aws_access_key_id', credentials.accessKeyId],
      ['aws_secret_access_key', credentials.secretAccessKey],
      ['aws_session_token', credentials.sessionToken],
    ],
    removeKeys: [...ROLE_SOURCE_KEYS, ...SSO_SOURCE_KEYS],
  });
}

/**
 * `[profile P]` (or `[default]`) in the config file pointing at the sso-session, so the SDKs fetch and
 * refresh credentials by themselves. A replaced profile loses the keys of any other credential source
 * (botocore tries a role before SSO, the JavaScript SDK static keys before SSO), and the legacy
 * sso_start_url/sso_region: the SDKs reject a profile that repeats them and disagrees with its session.
 */
export async function exportSsoProfile(
  options: ExportOptions & {
    readonly ssoSession: string;
    readonly accountId: string;
    readonly roleName: string;
    readonly region: string;
  },
): Promise<ExportedProfile> {
  const profile = validateProfileName(options.profile, 'config');
  return writeProfile(options, profile, configSectionHeader(profile), 'config', {
    values: [
      ['sso_session', options.ssoSession],
      ['sso_account_id', options.accountId],
      ['sso_role_name', options.roleName],
      ['region', options.region],
    ],
    removeKeys: [...ROLE_SOURCE_KEYS, ...STATIC_SOURCE_KEYS, 'sso_start_url', 'sso_region'],
  });
}

async function writeProfile(
  options: ExportOptions,
  profile: string,
  header: string,
  kind: AwsFileKind,
  section: { values: ReadonlyArray<readonly [string, string]>; removeKeys: readonly string[] },
): Promise<ExportedProfile> {
  const result = await updateFile(
    options.file,
    (text) => {
      // Checked under the file's lock, so a profile another process just wrote is not overwritten unasked.
      if (!options.force && hasSection(text, header, kind))
        throw new ProfileExistsError(profile, options.file);
      return changeSection(text, { header, removeKeys: section.removeKeys }, section.values, kind);
    },
    { backup: options.backups },
  );
  return { file: options.file, profile, ...result };
}
