import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient, createPortalClient } from '../../source/services/awsClients.js';
import { sdkClientSettings } from '../../source/services/sdkClientSettings.js';

const SETTINGS = [
  'useFipsEndpoint',
  'useDualstackEndpoint',
  'retryMode',
  'defaultsMode',
  'userAgentAppId',
  'authSchemePreference',
] as const;

const SET_ALL =
  'use_fips_endpoint = true\nuse_dualstack_endpoint = true\nretry_mode = adaptive\n' +
  'defaults_mode = standard\nsdk_ua_app_id = my-app\nauth_scheme_preference = sigv4a, sigv4\n';

interface Case {
  readonly name: string;
  readonly config?: string;
  readonly credentials?: string;
  readonly env?: Record<string, string>;
}

// Where the SDK and this reading could part: which profile, which file wins, headers the SDK reads or
// drops, merged sections, values it cannot parse, a file its parser throws on.
const CASES: readonly Case[] = [
  { name: 'no files' },
  { name: 'every setting in [default]', config: `[default]\n${SET_ALL}` },
  {
    name: '[profile default] replaces [default]',
    config: `[default]\n${SET_ALL}[profile default]\nregion = x\n`,
  },
  {
    name: 'a header written twice merges',
    config: `[default]\nretry_mode = adaptive\n[x]\na = b\n[default]\nuse_fips_endpoint = true\n`,
  },
  {
    name: 'the credentials file under the config file',
    config: '[default]\nretry_mode = standard\n',
    credentials: `[default]\n${SET_ALL}`,
  },
  {
    name: 'AWS_PROFILE',
    config: `[default]\nretry_mode = legacy\n[profile work]\n${SET_ALL}`,
    env: { AWS_PROFILE: 'work' },
  },
  {
    name: 'AWS_PROFILE without its profile',
    config: `[default]\n${SET_ALL}`,
    env: { AWS_PROFILE: 'missing' },
  },
  {
    name: 'a header the SDK drops',
    config: `[profile  work]\n${SET_ALL}[profile work]\nregion = x\n`,
    env: { AWS_PROFILE: 'work' },
  },
  { name: 'a quoted header', config: `[profile "work"]\n${SET_ALL}`, env: { AWS_PROFILE: 'work' } },
  {
    name: 'comments and sub-keys',
    config:
      '[default]\ns3 =\n  use_fips_endpoint = true\nuse_dualstack_endpoint = true ; no\nretry_mode=adaptive#x\n',
  },
  {
    name: 'values the SDK does not take',
    config: '[default]\nuse_fips_endpoint = yes\nuse_dualstack_endpoint = TRUE\nauth_scheme_preference =\n',
  },
  {
    name: 'a file the SDK parser throws on',
    config: `[default]\n${SET_ALL}[__proto__]\na = b\n`,
    credentials: '[default]\nretry_mode = adaptive\n',
  },
  {
    name: 'the environment first',
    config: `[default]\n${SET_ALL}`,
    env: {
      AWS_USE_FIPS_ENDPOINT: 'false',
      AWS_RETRY_MODE: 'legacy',
      AWS_DEFAULTS_MODE: 'in-region',
      AWS_SDK_UA_APP_ID: 'env-app',
      AWS_AUTH_SCHEME_PREFERENCE: '',
    },
  },
  {
    name: 'an environment value the SDK does not take',
    config: `[default]\n${SET_ALL}`,
    env: { AWS_USE_DUALSTACK_ENDPOINT: 'maybe' },
  },
  {
    name: 'a profile name with a dot (left to the SDK)',
    config: `[sso-session.x]\n${SET_ALL}`,
    env: { AWS_PROFILE: 'sso-session.x' },
  },
  {
    name: 'a CRLF file with a byte order mark',
    config: `\uFEFF[default]\r\n${SET_ALL.replaceAll('\n', '\r\n')}`,
  },
];

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sdk-settings-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Resolved = Record<(typeof SETTINGS)[number], unknown>;

async function resolved(client: SSOClient | SSOOIDCClient): Promise<Resolved> {
  const config = client.config as unknown as Record<string, unknown>;
  const values = {} as Resolved;
  for (const setting of SETTINGS) {
    const value = config[setting];
    values[setting] = typeof value === 'function' ? await (value as () => Promise<unknown>)() : value;
  }
  return values;
}

describe('the settings AWS SDK clients get from the shared files', () => {
  CASES.forEach((testCase, index) => {
    it(`are the SDK's own: ${testCase.name}`, async () => {
      // A path of its own per case: the SDK keeps each file it read.
      const home = join(folder, String(index));
      const configFile = join(folder, `config-${index}`);
      const credentialsFile = join(folder, `credentials-${index}`);
      if (testCase.config !== undefined) await writeFile(configFile, testCase.config);
      if (testCase.credentials !== undefined) await writeFile(credentialsFile, testCase.credentials);
      const env = {
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        ...testCase.env,
      };
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const endpoint = 'http://127.0.0.1:1';
        const sdk = [
          new SSOClient({ region: 'us-east-1', endpoint, maxAttempts: 1 }),
          new SSOOIDCClient({ region: 'us-east-1', endpoint, maxAttempts: 1 }),
        ];
        const ours = [
          createPortalClient('us-east-1', { ...env, AWS_ENDPOINT_URL_SSO: endpoint }, home),
          createOidcClient('us-east-1', { ...env, AWS_ENDPOINT_URL_SSO_OIDC: endpoint }, home),
        ];
        for (const [at, client] of ours.entries()) {
          expect(await resolved(client)).toEqual(await resolved(sdk[at] as SSOClient));
        }
        expect(sdkClientSettings(home, env) === undefined).toBe(testCase.name.includes('left to the SDK'));
      } finally {
        for (const key of Object.keys(env)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    });
  });

  it('read the profile: a setting in it changes what the client gets', async () => {
    const configFile = join(folder, 'config-changed');
    await writeFile(configFile, '[default]\nretry_mode = adaptive\nuse_fips_endpoint = true\n');
    const settings = sdkClientSettings(folder, {
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(folder, 'none'),
    });
    expect(await settings?.retryMode()).toBe('adaptive');
    expect(await settings?.useFipsEndpoint()).toBe(true);
    expect(await settings?.useDualstackEndpoint()).toBe(false);
  });
});
