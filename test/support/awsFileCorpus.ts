import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../source/simulator/organization.js';

// Inputs for judging edits of AWS files by what the SDKs read: botocore's own test files (read where the
// session keeps them, never copied here), cases modelled on aws-sdk-js-v3's `parseIni` tests and on the
// ways people write these files by hand, and a seeded generator of real-world-shaped files.

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

export const BOTOCORE_CASES_FOLDER = '/work/shared/peer-cases/botocore-cfg';

/** A test's name over botocore's files that says, when they are missing, that it is skipped and why. */
export function botocoreCasesTitle(cases: readonly CorpusFile[], title: string): string {
  return cases.length === 0 ? `${title}: skipped, ${BOTOCORE_CASES_FOLDER} is missing` : title;
}

/** botocore's tests/unit/cfg files; empty when the folder is not there (the caller skips visibly). */
export function botocoreCases(): CorpusFile[] {
  if (!existsSync(BOTOCORE_CASES_FOLDER)) return [];
  return readdirSync(BOTOCORE_CASES_FOLDER)
    .sort()
    .flatMap((name) => {
      const bytes = readFileSync(join(BOTOCORE_CASES_FOLDER, name));
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      // A file that is not UTF-8 (aws_config_badbytes) is refused before any parsing; it is no case here.
      return text.includes('\uFFFD') ? [] : [{ name: `botocore/${name}`, text }];
    });
}

/** Cases after aws-sdk-js-v3's parseIni tests and the issue's findings, each a file of its own. */
export const HAND_CASES: readonly CorpusFile[] = [
  { name: 'trimmed keys and values', text: '[dev]\n  key1   =   value1  \nkey2=value2\n' },
  {
    name: 'comments # and ; and inline',
    text: '# top\n[dev]\n; note\nregion = eu-west-1 # inline\nurl = https://x/start#/\n',
  },
  {
    name: 'sub-section block',
    text: '[profile dev]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\nregion = us-east-1\n',
  },
  {
    name: 'sub-section then indented key',
    text: '[profile dev]\nregion = us-east-1\ns3 =\n  a = 1\n  a = 2\n',
  },
  {
    name: 'quoted profile header',
    text: '[profile "dev"]\nregion = eu-west-1\n[profile \'prod\']\nregion = us-east-1\n',
  },
  {
    name: 'quoted beside plain',
    text: '[profile "dev"]\nregion = eu-west-1\n\n[profile dev]\noutput = json\n',
  },
  {
    name: 'keys in another case',
    text: '[dev]\nAWS_ACCESS_KEY_ID = OLD\nAws_Secret_Access_Key = old\nRegion = eu-west-1\n',
  },
  { name: 'text after ] in a header', text: '[a]\nk = 1\n[dev]#old\naws_access_key_id = OLD\n[b]\nk = 2\n' },
  { name: 'text after ] as the first header', text: '[dev] old copy\naws_access_key_id = OLD\n[b]\nk = 2\n' },
  { name: 'padded header', text: '[ dev ]\naws_access_key_id = PADDED\n' },
  { name: 'indented header after a key', text: '[dev]\nregion = eu-west-1\n  [admin]\nk = v\n' },
  { name: 'indented header first', text: '[dev]\n  [admin]\nk = v\n' },
  { name: 'DEFAULT section', text: '[DEFAULT]\nregion = eu-central-1\n[other]\naws_access_key_id = X\n' },
  {
    name: 'a key of a section hides the DEFAULT sub-keys of the same name',
    text: '[DEFAULT]\ns3 =\n  addressing_style = path\nregion = eu-central-1\n[dev]\ns3 = off\n[profile dev]\nS3 = off\n',
  },
  {
    name: 'profile default beside default',
    text: '[profile default]\nregion = us-east-1\n[default]\nregion = eu-west-1\n',
  },
  {
    name: 'default beside profile default',
    text: '[default]\nregion = eu-west-1\n[profile default]\nregion = us-east-1\n',
  },
  {
    name: 'role profile replaced',
    text: '[dev]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\nregion = eu-west-1\n[base]\naws_access_key_id = B\n',
  },
  {
    name: 'credential_process and web identity',
    text: '[profile dev]\ncredential_process = /bin/creds\nweb_identity_token_file = /t\noutput = json\ns3 =\n  addressing_style = path\n',
  },
  {
    name: 'legacy sso profile',
    text: '[profile dev]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n',
  },
  { name: 'line [unclosed = 1', text: '[dev]\n[unclosed = 1\nregion = eu-west-1\n' },
  { name: 'repeated nested sub-key elsewhere', text: '[profile other]\ns3 =\n  a = 1\n  a = 2\n' },
  { name: 'prototype-named sections', text: '[toString]\nk = v\n[constructor]\nk = v\n' },
  { name: 'spaces in names', text: '[my prof]\nk = v\n[profile a*b]\nk = v\n' },
  { name: 'CRLF with BOM', text: '\uFEFF[a]\r\nk = v\r\n' },
  { name: 'colon delimiter', text: '[dev]\nregion: eu-west-1\n[c]\nk: v\n' },
  { name: 'continuation value', text: '[dev]\nregion = eu\n  west-1\n[c]\nk = v\n' },
  {
    name: 'continuation lines with white space around them',
    text: '[dev]\nnote = first\n  second  \n\tthird\t\n[c]\nk = v\n',
  },
  {
    name: 'text beyond ASCII, and white space to Python only (U+001F, U+0085) around "="',
    text: '[dev]\nName = café\nRegion\u001F =\u0085eu-west-1\nnote = line\u2028separator\n',
  },
  { name: 'no final newline', text: '[a]\nk = v' },
  { name: 'empty file', text: '' },
  { name: 'only comments', text: '# nothing here\n; really\n' },
];

/** Names the edits in the test write: those of the hand cases plus a fresh one. */
export const TARGET_NAMES = ['dev', 'default', 'other', 'fresh'] as const;

const HEADERS = [
  'dev',
  'default',
  'profile dev',
  'profile default',
  'profile "dev"',
  'other',
  'profile other',
  ' dev ',
  'profile  dev',
  'sso-session corp',
  'prod',
  'Dev',
  'profile café',
  'my prof',
  'services s',
  'profile prod',
  'staging',
  'profile staging',
  'DEFAULT',
];
const KEYS = [
  'aws_access_key_id',
  'AWS_ACCESS_KEY_ID',
  'aws_secret_access_key',
  'aws_session_token',
  'region',
  'Region',
  'output',
  'role_arn',
  'source_profile',
  'credential_process',
  'sso_start_url',
  'sso_session',
  'note',
];
const VALUES = [
  'eu-west-1',
  'AKIAEXAMPLE',
  'json',
  'arn:aws:iam::1:role/r',
  'https://x.awsapps.com/start#/',
  'a=b',
];

/**
 * A file shaped like real ones: comments `#`/`;` (whole-line and inline), CRLF or LF, sometimes a BOM,
 * `s3 =` sub-key blocks, odd and duplicated names, keys in other cases, indented lines, header suffixes.
 */
export function generatedFile(seed: number): CorpusFile {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const lines: string[] = [];
  if (chance(0.3)) lines.push(pick(['# ~/.aws/credentials', '; hand edited', '']));
  const sections = 1 + Math.floor(random() * 6);
  const headersUsed = new Set<string>();
  for (let s = 0; s < sections; s++) {
    const header = pick(HEADERS);
    // A header written twice makes botocore refuse the whole file: rare, as in real files.
    if (headersUsed.has(header) && !chance(0.1)) continue;
    headersUsed.add(header);
    const style = chance(0.8) ? '[%]' : pick(['[%]   # comment', '  [%]', '[%]#old', '[%] old', '[ % ]']);
    lines.push(style.replace('%', header));
    const keys = Math.floor(random() * 5);
    const used = new Set<string>();
    for (let k = 0; k < keys; k++) {
      const key = pick(KEYS);
      // A key repeated in a section makes botocore refuse the whole file: rare, as in real files.
      if (used.has(key.toLowerCase()) && !chance(0.05)) continue;
      used.add(key.toLowerCase());
      const value = pick(VALUES);
      lines.push(
        pick([
          `${key} = ${value}`,
          `${key}=${value}`,
          `\t${key} = ${value}`,
          `${key} = ${value} # old`,
          `${key} = ${value} ; x`,
        ]),
      );
    }
    if (chance(0.2))
      lines.push(
        's3 =',
        `  addressing_style = ${pick(['path', 'virtual'])}`,
        ...(chance(0.1) ? ['  addressing_style = auto', '  note'] : []),
      );
    if (chance(0.25)) lines.push(pick(['# note', '', '   ', '; old', '   # indented comment']));
    if (chance(0.02)) lines.push('pasted without equals');
  }
  const newline = chance(0.3) ? '\r\n' : '\n';
  const body = lines.join(newline) + (chance(0.8) ? newline : '');
  return { name: `generated #${seed}`, text: (chance(0.03) ? '\uFEFF' : '') + body };
}
