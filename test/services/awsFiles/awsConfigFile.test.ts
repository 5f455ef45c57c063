import { readConfigFile, readCredentialsFile } from '../../support/awsFileReadings.js';
import { describe, expect, it } from 'vitest';
import {
  configFileContents,
  configFileProfiles,
  configSectionHeader,
  credentialsSectionHeader,
  profileNameRuleBroken,
  profilesMentioning,
  ssoSessionSectionHeader,
  validateProfileName,
  validateSsoSessionName,
} from '../../../source/services/awsFiles/awsConfigFile.js';
import { InvalidProfileNameError } from '../../../source/services/awsFiles/awsFileErrors.js';
import { parseIni } from '../../../source/services/awsFiles/iniParser.js';
import { generatedFile } from '../../support/awsFileCorpus.js';
import { UserError } from '../../../source/services/errors.js';

const CONFIG = [
  '[default]',
  'region = us-east-1',
  '',
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  'region = eu-west-1',
  's3 =',
  '  addressing_style = path',
  '',
  '[sso-session corp]',
  'sso_start_url = https://d-123.awsapps.com/start#/',
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access',
  '',
  '# Ignored by the SDKs in the config file:',
  '[ignored]',
  'region = ap-south-1',
  '[profile empty]',
  '[profile dev]',
  'region = eu-central-1',
  'broken line',
  '',
].join('\n');

describe('readConfigFile', () => {
  it('reads profiles and sso-sessions as the SDKs do', () => {
    const config = readConfigFile(CONFIG);
    expect([...config.profiles.keys()].sort()).toEqual(['default', 'dev']);
    expect({ ...config.profiles.get('dev') }).toEqual({
      sso_session: 'corp',
      sso_account_id: '111122223333',
      sso_role_name: 'Admin',
      // The later [profile dev] wins key by key.
      region: 'eu-central-1',
      's3.addressing_style': 'path',
    });
    expect({ ...config.profiles.get('default') }).toEqual({ region: 'us-east-1' });
    expect([...config.ssoSessions.keys()]).toEqual(['corp']);
    expect(config.ssoSessions.get('corp')?.['sso_start_url']).toBe('https://d-123.awsapps.com/start#/');
    expect(config.problems).toEqual([{ line: 23, message: expect.stringContaining('no "="') }]);
  });

  it('lets [profile default] replace [default] whole, wherever it stands', () => {
    const config = readConfigFile('[profile default]\nregion = b\n[default]\nregion = a\noutput = json\n');
    expect({ ...config.profiles.get('default') }).toEqual({ region: 'b' });
  });

  it('holds only the keys written, a block of sub-keys as its dotted keys', () => {
    const config = readConfigFile(CONFIG);
    expect(Object.keys(config.profiles.get('default') ?? {})).toEqual(['region']);
    expect(Object.keys(config.profiles.get('dev') ?? {}).sort()).toEqual([
      'region',
      's3.addressing_style',
      'sso_account_id',
      'sso_role_name',
      'sso_session',
    ]);
  });

  it('takes only [default] as the default profile, not [services default]', () => {
    expect([...readConfigFile('[services default]\nregion = x\n').profiles.keys()]).toEqual([]);
  });

  it('parses a document once, however often its contents are asked for', () => {
    const document = parseIni(CONFIG);
    expect(configFileContents(document)).toBe(configFileContents(document));
  });

  it('reads an empty file', () => {
    expect(readConfigFile('')).toEqual({ profiles: new Map(), ssoSessions: new Map(), problems: [] });
  });
});

describe('the profiles a question is about', () => {
  it('read as the whole contents read them', () => {
    for (const text of [CONFIG, ...Array.from({ length: 100 }, (_, seed) => generatedFile(seed + 1).text)]) {
      const all = configFileContents(parseIni(text)).profiles;
      for (const name of all.keys()) {
        const document = parseIni(text);
        expect(configFileProfiles(document, [name])).toEqual(new Map([[name, all.get(name)]]));
      }
    }
  });

  it('are named by the word one of their sections holds, [default] among them', () => {
    const document = parseIni(
      '[default]\nnote = x\n[profile a]\nregion = x\n[profile b]\nregion = y\n[profile a]\nnote = x\n[sso-session x]\n',
    );
    expect(profilesMentioning(document, 'note')).toEqual(new Set(['default', 'a']));
  });
});

describe('readCredentialsFile', () => {
  it('reads plain sections as profiles and nothing else', () => {
    const text = [
      '[default]',
      'aws_access_key_id = AKIADEFAULT',
      '[profile dev]',
      'aws_access_key_id = NOT-A-CREDENTIALS-PROFILE',
      '[dev]',
      'aws_access_key_id = ASIADEV',
      'aws_session_token = abc/def+ghi==',
      '[café]',
      'aws_access_key_id = UTF8',
      '[two words]',
      'aws_access_key_id = SKIPPED',
    ].join('\r\n');
    const profiles = readCredentialsFile(text);
    expect([...profiles.keys()]).toEqual(['default', 'dev', 'café']);
    expect({ ...profiles.get('dev') }).toEqual({
      aws_access_key_id: 'ASIADEV',
      aws_session_token: 'abc/def+ghi==',
    });
  });
});

describe('profile names and headers', () => {
  it.each(['dev', 'default', 'my-org_prod.admin', 'a@b+c%d:e/f', '123'])('accepts %j', (name) => {
    expect(validateProfileName(name)).toBe(name);
    expect(validateSsoSessionName(name)).toBe(name);
  });

  it.each(['', 'two words', 'café', 'x]', 'a#b', '__proto__', 'tab\tname', 'semi;colon'])(
    'refuses %j',
    (name) => {
      let caught: unknown;
      try {
        validateProfileName(name);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidProfileNameError);
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).hint).toContain('letters, digits');
    },
  );

  it('says which name and which kind of name it refuses', () => {
    const unread = 'the AWS SDKs would not read it back.';
    expect(() => validateProfileName('')).toThrow(
      `An empty name cannot be used as a profile name: ${unread}`,
    );
    expect(() => validateProfileName('two words')).toThrow(
      `"two words" cannot be used as a profile name: ${unread}`,
    );
    expect(() => validateSsoSessionName('a b')).toThrow(
      `"a b" cannot be used as an sso-session name: ${unread}`,
    );
  });

  it('gives the rule as a value for the name field', () => {
    expect(profileNameRuleBroken('dev')).toBeUndefined();
    expect(profileNameRuleBroken('a*b', 'credentials')).toBeUndefined();
    expect(profileNameRuleBroken('a*b')).toBeInstanceOf(InvalidProfileNameError);
    expect(profileNameRuleBroken('two words')?.message).toContain('"two words" cannot be used');
  });

  it('builds the header for each file', () => {
    expect(configSectionHeader('default')).toBe('default');
    expect(configSectionHeader('dev')).toBe('profile dev');
    expect(credentialsSectionHeader('dev')).toBe('dev');
    expect(credentialsSectionHeader('default')).toBe('default');
    expect(ssoSessionSectionHeader('corp')).toBe('sso-session corp');
    expect(() => configSectionHeader('two words')).toThrow(InvalidProfileNameError);
    expect(() => ssoSessionSectionHeader('a b')).toThrow(/sso-session name/);
  });

  it('accepts a name only where both SDKs read it back', () => {
    // The JavaScript SDK drops [profile a*b] in the config file; both read [a*b] in the credentials file.
    expect(() => configSectionHeader('a*b')).toThrow(InvalidProfileNameError);
    expect(credentialsSectionHeader('a*b')).toBe('a*b');
    // [my prof] is dropped by the JavaScript SDK in the credentials file; botocore takes [DEFAULT] as defaults.
    expect(() => credentialsSectionHeader('my prof')).toThrow(InvalidProfileNameError);
    expect(() => credentialsSectionHeader('DEFAULT')).toThrow(InvalidProfileNameError);
    expect(configSectionHeader('DEFAULT')).toBe('profile DEFAULT');
    expect(() => validateProfileName('a*b')).toThrow(InvalidProfileNameError);
    // A name not yet bound to a file must read back in both: [DEFAULT] is defaults in the credentials file.
    expect(() => validateProfileName('DEFAULT')).toThrow(InvalidProfileNameError);
    expect(validateProfileName('DEFAULT', 'config')).toBe('DEFAULT');
  });

  it('checks a session name by its own header: both SDKs read [sso-session __proto__], no [profile __proto__]', () => {
    expect(validateSsoSessionName('__proto__')).toBe('__proto__');
    expect(ssoSessionSectionHeader('__proto__')).toBe('sso-session __proto__');
    expect(() => validateProfileName('__proto__', 'config')).toThrow(InvalidProfileNameError);
  });
});
