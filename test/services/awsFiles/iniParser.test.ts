import { describe, expect, it } from 'vitest';
import {
  identifyHeader,
  parseIni,
  parseIniLineByLine,
  plainHeaderLines,
  type IniDocument,
} from '../../../source/services/awsFiles/iniParser.js';
import { seededRandom } from '../../../source/simulator/organization.js';
import { generatedFile } from '../../support/awsFileCorpus.js';

function values(text: string, header: string): Record<string, string> {
  const section = parseIni(text).sections.find((candidate) => candidate.rawHeader === header);
  if (!section) throw new Error(`no section [${header}]`);
  return Object.fromEntries(section.entries.map((entry) => [entry.key, entry.value]));
}

describe('parseIni, comments and values as the SDKs read them', () => {
  it.each([
    ['whole-line # comment', '[dev]\n# aws_access_key_id = OLD\naws_access_key_id = NEW\n', 'NEW'],
    ['whole-line ; comment', '[dev]\n; aws_access_key_id = OLD\naws_access_key_id = NEW\n', 'NEW'],
    ['indented comment', '[dev]\n   # note\naws_access_key_id = NEW\n', 'NEW'],
    ['trailing # comment', '[dev]\naws_access_key_id = NEW # rotated in May\n', 'NEW'],
    ['trailing ; comment', '[dev]\naws_access_key_id = NEW\t; rotated\n', 'NEW'],
    ['# inside a value is kept', '[dev]\naws_access_key_id = A#B\n', 'A#B'],
    ['no spaces around =', '[dev]\naws_access_key_id=NEW\n', 'NEW'],
    ['wide spaces around =', '[dev]\naws_access_key_id \t=\t  NEW   \n', 'NEW'],
    ['= inside the value', '[dev]\naws_access_key_id = a=b=c\n', 'a=b=c'],
    ['CRLF', '[dev]\r\naws_access_key_id = NEW\r\n', 'NEW'],
    ['no final newline', '[dev]\naws_access_key_id = NEW', 'NEW'],
    ['BOM', '\uFEFF[dev]\naws_access_key_id = NEW\n', 'NEW'],
  ])('%s', (_name, text, expected) => {
    expect(values(text, 'dev')['aws_access_key_id']).toBe(expected);
    expect(parseIni(text).problems).toEqual([]);
  });

  it('keeps the # of a start URL and the = at the end of a session token', () => {
    const text = [
      '[sso-session corp]',
      'sso_start_url = https://d-123.awsapps.com/start#/',
      'sso_region = eu-west-1',
      '[dev]',
      'aws_session_token = IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc/def==',
      '',
    ].join('\n');
    expect(values(text, 'sso-session corp')['sso_start_url']).toBe('https://d-123.awsapps.com/start#/');
    expect(values(text, 'dev')['aws_session_token']).toBe(
      'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc/def==',
    );
  });

  it('reads the dominant line end', () => {
    expect(parseIni('').newline).toBe('\n');
    expect(parseIni('[a]').newline).toBe('\n');
    expect(parseIni('[a]\r\nk = v\r\n').newline).toBe('\r\n');
    expect(parseIni('[a]\r\nk = v\r\n\n').newline).toBe('\r\n');
    expect(parseIni('[a]\r\nk = v\n\n').newline).toBe('\n');
  });
});

describe('parseIni, sections', () => {
  it('tells profile, sso-session, services and plain sections apart', () => {
    const text = [
      '[default]',
      'region = us-east-1',
      '[profile dev]',
      'region = eu-west-1',
      '[dev]',
      'region = ap-south-1',
      '[sso-session corp]',
      'sso_region = eu-west-1',
      '[services local]',
      'dynamodb =',
      '  endpoint_url = http://127.0.0.1:8000',
      '[profile "quoted"]',
      '[  profile   spaced  ]',
      '[profile café]',
      '[plugins cli]',
      '',
    ].join('\n');
    const sections = parseIni(text).sections.map(({ rawHeader, kind, name, headerLine, endLine }) => ({
      rawHeader,
      kind,
      name,
      headerLine,
      endLine,
    }));
    expect(sections).toEqual([
      { rawHeader: 'default', kind: 'plain', name: 'default', headerLine: 1, endLine: 2 },
      { rawHeader: 'profile dev', kind: 'profile', name: 'dev', headerLine: 3, endLine: 4 },
      { rawHeader: 'dev', kind: 'plain', name: 'dev', headerLine: 5, endLine: 6 },
      { rawHeader: 'sso-session corp', kind: 'sso-session', name: 'corp', headerLine: 7, endLine: 8 },
      { rawHeader: 'services local', kind: 'services', name: 'local', headerLine: 9, endLine: 11 },
      { rawHeader: 'profile "quoted"', kind: 'profile', name: 'quoted', headerLine: 12, endLine: 12 },
      { rawHeader: 'profile   spaced', kind: 'profile', name: 'spaced', headerLine: 13, endLine: 13 },
      // Outside the SDK's name characters: the SDKs do not read it as a profile.
      { rawHeader: 'profile café', kind: 'plain', name: 'profile café', headerLine: 14, endLine: 14 },
      { rawHeader: 'plugins cli', kind: 'plain', name: 'plugins cli', headerLine: 15, endLine: 15 },
    ]);
  });

  it('reads UTF-8 names, values and comments', () => {
    const text = '# Zugangsdaten für Müller\n[café]\nregion = eu-west-1 # Paris ☕\nnote = naïve\n';
    expect(values(text, 'café')).toEqual({ region: 'eu-west-1', note: 'naïve' });
    expect(parseIni(text).problems).toEqual([]);
  });

  it('keeps duplicate sections apart, in file order', () => {
    const text = '[dev]\nregion = a\n[other]\nx = 1\n[dev]\nregion = b\n';
    const dev = parseIni(text).sections.filter((section) => section.name === 'dev');
    expect(dev.map((section) => [section.headerLine, section.entries[0]?.value])).toEqual([
      [1, 'a'],
      [5, 'b'],
    ]);
  });

  it('reads an indented block under a key with an empty value as sub-keys', () => {
    const text = [
      '[profile dev]',
      'region = eu-west-1',
      's3 =',
      '  max_concurrent_requests = 20',
      '',
      '  # a comment inside the block',
      '  addressing_style = path',
      'output = json',
      '  indented_top = yes',
    ].join('\n');
    const [section] = parseIni(text).sections;
    expect(section?.entries).toEqual([
      { key: 'region', value: 'eu-west-1', line: 2 },
      {
        key: 's3',
        value: '',
        line: 3,
        subEntries: [
          { key: 'max_concurrent_requests', value: '20', line: 4 },
          { key: 'addressing_style', value: 'path', line: 7 },
        ],
      },
      { key: 'output', value: 'json', line: 8 },
      // After a key with a value, an indented line is an ordinary key again, as in the SDKs.
      { key: 'indented_top', value: 'yes', line: 9 },
    ]);
  });

  it('reads a line indented with no-break space as indented, and one starting with another letter as not', () => {
    // Both SDKs take U+00A0 for white space; neither takes "é" for it.
    const text = '[profile a]\ns3 =\n\u00a0 addressing_style = path\nregion = x\ncli =\néclair = 1\n';
    expect(parseIni(text).sections[0]?.entries).toEqual([
      { key: 's3', value: '', line: 2, subEntries: [{ key: 'addressing_style', value: 'path', line: 3 }] },
      { key: 'region', value: 'x', line: 4 },
      { key: 'cli', value: '', line: 5, subEntries: [] },
      { key: 'éclair', value: '1', line: 6 },
    ]);
  });

  it('opens a block of its own at an indented key with an empty value, as the JavaScript SDK reads it', () => {
    const [section] = parseIni('[profile a]\ns3 =\n  x =\n  y = 1\n').sections;
    expect(section?.entries).toEqual([
      { key: 's3', value: '', line: 2, subEntries: [] },
      { key: 'x', value: '', line: 3, subEntries: [{ key: 'y', value: '1', line: 4 }] },
    ]);
  });

  it('keeps the last character of a line before a CRLF line', () => {
    expect(values('[dev]\nk = v1\n\r\nz = 2\n', 'dev')).toEqual({ k: 'v1', z: '2' });
  });

  it('allows comments and blank lines before the first section', () => {
    expect(parseIni('# my credentials\n\n; old\n[dev]\nk = v\n').problems).toEqual([]);
  });
});

describe('parseIni, malformed lines', () => {
  it.each([
    ['a key line without =', '[dev]\nregion = x\nAKIAEXAMPLE\n', [{ line: 3, text: 'no "="' }]],
    ['an unterminated [', '[dev]\nk = v\n[profile broken\nx = 1\n', [{ line: 3, text: 'closing "]"' }]],
    [
      'text after the ]',
      '[dev]#x\nk = v\n',
      [
        { line: 1, text: 'closing "]"' },
        { line: 2, text: 'before the first section' },
      ],
    ],
    ['a value with no key', '[dev]\n= value\n', [{ line: 2, text: 'no key' }]],
    [
      'keys before any section',
      'region = x\n[dev]\nk = v\n',
      [{ line: 1, text: 'before the first section' }],
    ],
    ['an empty header', '[]\nk = v\n', [{ line: 1, text: 'no name' }]],
    ['a __proto__ header', '[profile __proto__]\n', [{ line: 1, text: 'not allowed' }]],
    ['a key written twice', '[dev]\nk = 1\nother = 2\nk = 3\n', [{ line: 4, text: 'line 2' }]],
    ['a continuation line', '[dev]\naws_session_token = abc\n  def\n', [{ line: 3, text: 'no "="' }]],
    ['problems on CRLF lines', '[a]\r\nk = v\r\n\r\nbroken\r\n', [{ line: 4, text: 'no "="' }]],
  ])('reports %s with its line number', (_name, text, expected) => {
    const problems = parseIni(text).problems;
    expect(problems.map((problem) => problem.line)).toEqual(expected.map((problem) => problem.line));
    problems.forEach((problem, index) => expect(problem.message).toContain(expected[index]?.text));
  });

  it('reads what both SDKs read without a problem: a sub-key written twice, a line [unclosed = 1', () => {
    const document = parseIni('[dev]\ns3 =\n  a = 1\n  a = 2\n[unclosed = 1\n');
    expect(document.problems).toEqual([]);
    expect(document.sections[0]?.entries.map((entry) => entry.key)).toEqual(['s3', '[unclosed']);
  });

  it('never quotes the offending line, which may be a secret', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const problems = parseIni(`[dev]\n${secret}\n${secret}=\n${secret}=\n`).problems;
    expect(problems).toHaveLength(2);
    for (const problem of problems) expect(problem.message).not.toContain('wJalr');
  });

  it('parses the same text once: a command reads its config file, then again under the lock', () => {
    const text = '[profile dev]\nregion = eu-west-1\n';
    const first = parseIni(text);
    expect(parseIni(`${text}`)).toBe(first);
    expect(parseIni(`${text}\n`)).not.toBe(first);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['[', ']', '[[]]', '=', '\r', '\r\n\r\n', '\uFEFF', '[a]\n\u0000=\u0000', ' [x] ']) {
      expect(() => parseIni(text)).not.toThrow();
    }
  });
});

describe('parseIni section by section', () => {
  it("keeps each section's text and the problems on its lines, its header's first", () => {
    const document = parseIni('x\n[ ]\nk\n[a]\n[b\nk = 1\n');
    const [nameless, a] = document.sections;
    expect(nameless?.problems.map(({ line }) => line)).toEqual([2, 3]);
    expect(nameless?.text).toBe('[ ]\nk\n');
    expect(a?.problems.map(({ line }) => line)).toEqual([5]);
    expect(a?.text).toBe('[a]\n[b\nk = 1\n');
    expect(a?.entries.map(({ key, line }) => [key, line])).toEqual([['k', 6]]);
    expect(document.problems.map(({ line }) => line)).toEqual([1, 2, 3, 5]);
  });

  it("keeps a section's text without the byte order mark before it", () => {
    expect(parseIni('\uFEFF[dev]\nk = v\n').sections.map(({ text }) => text)).toEqual(['[dev]\nk = v\n']);
  });

  it('finds a header after white space, and none in a line that starts with other text', () => {
    expect(parseIni('\u00a0[a]\nk = 1\n').sections.map(({ name }) => name)).toEqual(['a']);
    const document = parseIni('  [dev]\nk=1\n\t[prod] # c\nx[y]\n\r\n[z]');
    expect(document.sections.map(({ name, headerLine, endLine }) => [name, headerLine, endLine])).toEqual([
      ['dev', 1, 2],
      ['prod', 3, 5],
      ['z', 6, 6],
    ]);
    expect(document.problems.map(({ line }) => line)).toEqual([4]);
  });
});

/** Everything a document tells, read out. */
function readOut(document: IniDocument): unknown {
  return {
    sections: document.sections.map((section) => ({
      rawHeader: section.rawHeader,
      kind: section.kind,
      name: section.name,
      headerLine: section.headerLine,
      endLine: section.endLine,
      text: section.text,
      entries: section.entries,
      problems: section.problems,
    })),
    problems: document.problems,
    newline: document.newline,
  };
}

/** Files of header lines both plain and not, each followed by a key or not, with any line end. */
function headerHeavyFile(seed: number): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const prefixes = ['profile', 'sso-session', 'services', 'profiles', 'Profile', 'profile ', 'sso', ''];
  const names = [
    'dev',
    'a.b',
    'x@y+z%1:2/3-4_5',
    '__proto__',
    'café',
    'a b',
    '"dev"',
    'a#b',
    'a;b',
    'a]b',
    '',
  ];
  const ends = ['', ' ', '\t', '#c', ' # c', ' ;c', ']', 'x', '\r', ' \r'];
  const lineEnds = ['\n', '\r\n', '\r\r\n', ''];
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 8);
  for (let index = 0; index < count; index++) {
    const lead = pick(['', '', '', ' ', '\t', '\uFEFF']);
    lines.push(`${lead}[${pick(prefixes)} ${pick(names)}]${pick(ends)}${pick(lineEnds)}`);
    if (random() < 0.5) lines.push(`k = ${index}${pick(lineEnds)}`);
  }
  return lines.join('');
}

describe('parseIni, the plain header lines read in place', () => {
  it('reads every file as the line-by-line reading does (2,000 generated files, 5,000 of header lines)', () => {
    const files = [
      ...Array.from({ length: 2000 }, (_, seed) => generatedFile(seed + 1).text),
      ...Array.from({ length: 5000 }, (_, seed) => headerHeavyFile(seed + 1)),
      '[profile dev]',
      '[profile dev]\r',
      '[profile __proto__]\nk = 1\n',
      '\uFEFF[profile dev]\nk = 1\n',
    ];
    for (const text of files) {
      expect(readOut(parseIni(text)), JSON.stringify(text)).toEqual(readOut(parseIniLineByLine(text)));
    }
  });
});

describe('the plain header lines of a text', () => {
  it('are found where every line that may be a header is one, as the line-by-line reading finds them', () => {
    const files = [
      ...Array.from({ length: 2000 }, (_, seed) => generatedFile(seed + 1).text),
      ...Array.from({ length: 5000 }, (_, seed) => headerHeavyFile(seed + 1)),
      ...Array.from({ length: 2000 }, (_, seed) => plainHeaderFile(seed + 1)),
    ];
    let found = 0;
    for (const text of files) {
      const lines = plainHeaderLines(text);
      // The lines that are not empty and start with no printable ASCII other than `[`.
      const mayBeHeaders = text.split('\n').filter((line) => /^[^\x21-\x5a\x5c-\x7e]/.test(line));
      const plain = mayBeHeaders.every(
        (line) =>
          /^\[(?:profile|sso-session|services) [\w@+.%:/-]+\]\r?$/.test(line) &&
          !line.startsWith('[profile __proto__]'),
      );
      expect(lines !== undefined, JSON.stringify(text)).toBe(plain && !text.startsWith('\uFEFF'));
      if (lines === undefined) continue;
      found += 1;
      const sections = parseIniLineByLine(text).sections;
      expect(lines.headers.map(({ rawHeader }) => rawHeader)).toEqual(
        sections.map(({ rawHeader }) => rawHeader),
      );
      expect(lines.starts).toEqual(sections.map((section) => startOfLine(text, section.headerLine)));
    }
    expect(found).toBeGreaterThan(1000);
  });
});

/** Where the 1-based line `line` starts. */
function startOfLine(text: string, line: number): number {
  let start = 0;
  for (let index = 1; index < line; index++) start = text.indexOf('\n', start) + 1;
  return start;
}

/** Files of plain header lines and keys, now and then another line that may be a header. */
function plainHeaderFile(seed: number): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines = [
    '[profile dev]',
    '[profile acct-1.Admin]',
    '[sso-session corp]',
    '[services s3]',
    'k = 1',
    '# c',
    '',
  ];
  const rare = [
    '[profile __proto__]',
    '[default]',
    ' [profile dev]',
    '[profile dev] ',
    '[profile café]',
    '\t',
  ];
  const count = 1 + Math.floor(random() * 10);
  const drawn = Array.from({ length: count }, () => (random() < 0.05 ? pick(rare) : pick(lines)));
  return drawn.join(pick(['\n', '\r\n'])) + pick(['\n', '']);
}

describe('the sections holding a word', () => {
  it('are those whose own text holds it, found by one search of the file (2,000 generated files)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { text } = generatedFile(seed);
      const document = parseIni(text);
      // Words within a line, across a line end, across a header, and the file's own first characters.
      const words = ['=', 'region', 'sso_', '\n[', ']\n', '[', 'e', text.slice(0, 3), text.slice(-2), ''];
      for (const word of words) {
        expect(document.sectionsHolding(word), `seed ${seed}, ${JSON.stringify(word)}`).toEqual(
          document.sections.filter((section) => section.text.includes(word)),
        );
      }
    }
  });

  it('leaves out the lines before the first header and a word split between two sections', () => {
    const document = parseIni('# note\n[a]\nk = note\n[b]\nnote = 1\n[c]\nx = no\n[te]\n');
    expect(document.sectionsHolding('note').map(({ name }) => name)).toEqual(['a', 'b']);
    expect(document.sectionsHolding('no\n[te').map(({ name }) => name)).toEqual([]);
    expect(parseIni('no headers, note').sectionsHolding('note')).toEqual([]);
  });
});

describe('the sections of some kinds and names', () => {
  it('are those of that kind and name, in file order, found in the index of the headers (9,000 files)', () => {
    const files = [
      ...Array.from({ length: 2000 }, (_, seed) => generatedFile(seed + 1).text),
      ...Array.from({ length: 5000 }, (_, seed) => headerHeavyFile(seed + 1)),
      ...Array.from({ length: 2000 }, (_, seed) => plainHeaderFile(seed + 1)),
    ];
    files.forEach((text, at) => {
      const document = parseIni(text);
      const { sections } = document;
      const known = sections.map(({ kind, name }) => [kind, name] as const);
      // Each section's own, a name under another kind, and a name no section has.
      const asked = [
        ...known.filter((_, index) => index % 2 === at % 2),
        ...known.slice(0, 2).map(([kind, name]) => [kind === 'profile' ? 'plain' : 'profile', name] as const),
        ['profile', 'absent'] as const,
      ];
      const wanted = new Set(asked.map(([kind, name]) => `${kind} ${name}`));
      expect(document.sectionsNamed(asked), JSON.stringify(text)).toEqual(
        sections.filter(({ kind, name }) => wanted.has(`${kind} ${name}`)),
      );
    });
  });

  it('reads `[profile "dev"]` and `[profile  dev]` as profile dev, `[default]` as a plain section', () => {
    const document = parseIni(
      '[profile "dev"]\na = 1\n[default]\nb = 2\n[profile  dev]\nc = 3\n[profile dev]\n',
    );
    expect(document.sectionsNamed([['profile', 'dev']]).map(({ headerLine }) => headerLine)).toEqual([
      1, 5, 7,
    ]);
    expect(document.sectionsNamed([['plain', 'default']]).map(({ headerLine }) => headerLine)).toEqual([3]);
    expect(document.sectionsNamed([['profile', 'default']])).toEqual([]);
  });
});

describe('identifyHeader', () => {
  it.each([
    ['profile dev', 'profile dev'],
    ['  profile \t dev ', 'profile dev'],
    ["profile 'dev'", 'profile dev'],
    ['sso-session corp', 'sso-session corp'],
    ['default', 'default'],
    ['my   plain  name', 'my plain name'],
    ['Profile dev', 'Profile dev'],
  ])('%j is compared as %j', (raw, canonical) => {
    expect(identifyHeader(raw).canonical).toBe(canonical);
  });

  it.each([
    ['profile dev', 'profile', 'dev'],
    ['profilex', 'plain', 'profilex'],
    ['sso-sessionx', 'plain', 'sso-sessionx'],
    ['profile é', 'plain', 'profile é'],
    ['x profile dev', 'plain', 'x profile dev'],
  ])('reads %j as a section of kind %s named %j', (raw, kind, name) => {
    expect(identifyHeader(raw)).toEqual({ kind, name, canonical: raw });
  });
});
