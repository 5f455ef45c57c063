import { fromIni } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/core/config';
import { spawn, spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configSectionHeader,
  credentialsSectionHeader,
  ssoSessionSectionHeader,
} from '../../../source/services/awsFiles/awsConfigFile.js';
import { upsertSection } from '../../../source/services/awsFiles/iniEditor.js';
import { updateFile } from '../../../source/services/awsFiles/safeWrite.js';
import { readConfigFile, readCredentialsFile } from '../../support/awsFileReadings.js';
import { tempFolder } from '../../support/tempFolders.js';

// What other AWS tools read from files sso-tui edited. The existing files are hand-edited but valid for
// botocore too (it refuses duplicate sections and keeps trailing comments in values, unlike the JS SDK).

const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc/def+ghi/jkl==';
const STATIC = [
  ['aws_access_key_id', 'ASIAEXAMPLEKEY123456'],
  ['aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLE='],
  ['aws_session_token', TOKEN],
] as const;
const SSO_PROFILE = [
  ['sso_session', 'corp'],
  ['sso_account_id', '111122223333'],
  ['sso_role_name', 'AdministratorAccess'],
  ['region', 'eu-west-1'],
] as const;
const SESSION = [
  ['sso_start_url', 'https://d-1234567890.awsapps.com/start#/'],
  ['sso_region', 'eu-west-1'],
  ['sso_registration_scopes', 'sso:account:access'],
] as const;

const EXISTING_CREDENTIALS = [
  '# Zugangsdaten — hand edited',
  '[default]',
  'aws_access_key_id=AKIADEFAULT',
  'aws_secret_access_key =   defaultsecret',
  '',
  '; old dev keys',
  '[dev]',
  'aws_access_key_id = ASIAOLD',
  'aws_secret_access_key = oldsecret',
  'aws_session_token = oldtoken=',
  '',
].join('\r\n');

const EXISTING_CONFIG = [
  '[default]',
  'region = us-east-1',
  '',
  '[profile ci]',
  'region = us-west-2',
  's3 =',
  '  addressing_style = path',
  '',
].join('\n');

let folder: string;
let credentialsPath: string;
let configPath: string;

beforeEach(async () => {
  folder = await tempFolder('sso-tui-interop-');
  credentialsPath = join(folder, 'credentials');
  configPath = join(folder, 'config');
  await writeFile(credentialsPath, EXISTING_CREDENTIALS, { mode: 0o600 });
  await writeFile(configPath, EXISTING_CONFIG, { mode: 0o600 });
  const backup = new Set<string>();
  for (const profile of ['dev', 'new-profile']) {
    const header = credentialsSectionHeader(profile);
    await updateFile(credentialsPath, (text) => upsertSection(text, { header }, STATIC), { backup });
  }
  await updateFile(
    configPath,
    (text) => {
      const withSession = upsertSection(text, { header: ssoSessionSectionHeader('corp') }, SESSION);
      return upsertSection(withSession, { header: configSectionHeader('dev-admin') }, SSO_PROFILE);
    },
    { backup },
  );
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the AWS SDK for JavaScript', () => {
  it('gets the same static credentials with fromIni, for a replaced and a new profile', async () => {
    for (const profile of ['dev', 'new-profile']) {
      const credentials = await fromIni({
        profile,
        filepath: credentialsPath,
        configFilepath: configPath,
        ignoreCache: true,
      })();
      expect(credentials.accessKeyId).toBe('ASIAEXAMPLEKEY123456');
      expect(credentials.secretAccessKey).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLE=');
      expect(credentials.sessionToken).toBe(TOKEN);
    }
  });

  it('reads every profile and session as our readers do', async () => {
    const files = await loadSharedConfigFiles({
      filepath: credentialsPath,
      configFilepath: configPath,
      ignoreCache: true,
    });
    const sessions = await loadSsoSessionData({ configFilepath: configPath });
    const config = readConfigFile(await readFile(configPath, 'utf8'));
    const credentials = readCredentialsFile(await readFile(credentialsPath, 'utf8'));

    expect(files.credentialsFile).toEqual(plain(credentials));
    // The SDK keeps sessions in the same map, under `sso-session.NAME`.
    expect(files.configFile).toEqual({
      ...plain(config.profiles),
      ...Object.fromEntries(
        [...config.ssoSessions].map(([name, values]) => [`sso-session.${name}`, { ...values }]),
      ),
    });
    expect(sessions).toEqual(plain(config.ssoSessions));
    expect(files.configFile['dev-admin']).toEqual(Object.fromEntries(SSO_PROFILE));
    expect(sessions['corp']).toEqual(Object.fromEntries(SESSION));
    expect(files.credentialsFile['default']).toEqual({
      aws_access_key_id: 'AKIADEFAULT',
      aws_secret_access_key: 'defaultsecret',
    });
  });
});

const botocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

describe('botocore (AWS CLI, boto3)', () => {
  it.skipIf(!botocore)(
    `reads the same values${botocore ? '' : ' — skipped: python3 with botocore is not installed'}`,
    async () => {
      const script = [
        'import json, os, botocore.configloader, botocore.session',
        'out = {}',
        'for name in ("dev", "new-profile", "default"):',
        '    c = botocore.session.Session(profile=name).get_credentials()',
        '    out[name] = [c.access_key, c.secret_key, c.token]',
        'full = botocore.configloader.load_config(os.environ["AWS_CONFIG_FILE"])',
        'out["config"] = full["profiles"]',
        'out["sessions"] = full["sso_sessions"]',
        'print(json.dumps(out))',
      ].join('\n');
      const output = await runPython(script, {
        AWS_SHARED_CREDENTIALS_FILE: credentialsPath,
        AWS_CONFIG_FILE: configPath,
      });
      const read = JSON.parse(output) as Record<string, unknown>;
      const expected = STATIC.map(([, value]) => value);
      expect(read['dev']).toEqual(expected);
      expect(read['new-profile']).toEqual(expected);
      expect(read['default']).toEqual(['AKIADEFAULT', 'defaultsecret', null]);
      expect(read['config']).toEqual({
        default: { region: 'us-east-1' },
        ci: { region: 'us-west-2', s3: { addressing_style: 'path' } },
        'dev-admin': Object.fromEntries(SSO_PROFILE),
      });
      expect(read['sessions']).toEqual({ corp: Object.fromEntries(SESSION) });
    },
  );
});

function plain(map: Map<string, Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries([...map].map(([name, values]) => [name, { ...values }]));
}

function runPython(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], {
      env: { PATH: process.env['PATH'] ?? '', HOME: folder, PYTHONUTF8: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`python3 failed: ${stderr}`)),
    );
  });
}
