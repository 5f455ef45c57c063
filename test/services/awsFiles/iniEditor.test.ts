import { describe, expect, it } from 'vitest';
import {
  InvalidProfileNameError,
  RefusedEditError,
  UnwritableValueError,
} from '../../../source/services/awsFiles/awsFileErrors.js';
import {
  editSections,
  hasSection,
  upsertSection,
  type SectionEdit,
} from '../../../source/services/awsFiles/iniEditor.js';
import type { AwsFileKind } from '../../../source/services/awsFiles/sdkReadings.js';
import { generatedFile } from '../../support/awsFileCorpus.js';

const keys = [
  ['aws_access_key_id', 'ASIANEW'],
  ['aws_secret_access_key', 'secret/NEW+key'],
] as const;

describe('upsertSection, a new section', () => {
  it.each([
    ['an empty file', '', '[dev]\naws_access_key_id = ASIANEW\naws_secret_access_key = secret/NEW+key\n'],
    ['a file with a final newline', '[a]\nk = v\n', '[a]\nk = v\n\n[dev]\n'],
    ['a file without a final newline', '[a]\nk = v', '[a]\nk = v\n\n[dev]\n'],
    ['a file ending in a blank line', '[a]\nk = v\n\n', '[a]\nk = v\n\n[dev]\n'],
    ['a CRLF file', '[a]\r\nk = v\r\n', '[a]\r\nk = v\r\n\r\n[dev]\r\n'],
    ['a CRLF file without a final newline', '[a]\r\nk = v', '[a]\r\nk = v\r\n\r\n[dev]\r\n'],
    ['a file of comments only', '# nothing yet', '# nothing yet\n\n[dev]\n'],
  ])('is appended to %s', (_name, before, expectedStart) => {
    const after = upsertSection(before, { header: 'dev' }, keys);
    expect(after.startsWith(expectedStart)).toBe(true);
    const newline = expectedStart.includes('\r\n') ? '\r\n' : '\n';
    expect(after.endsWith(`aws_secret_access_key = secret/NEW+key${newline}`)).toBe(true);
  });

  it('is added beside a section of the other kind: [profile dev] is not [dev]', () => {
    const before = '[dev]\nregion = a\n';
    expect(upsertSection(before, { header: 'profile dev' }, [['region', 'b']])).toBe(
      '[dev]\nregion = a\n\n[profile dev]\nregion = b\n',
    );
  });
});

describe('upsertSection, an existing section', () => {
  it('replaces written keys in place and keeps the rest byte for byte', () => {
    const before = [
      '# my credentials — hand edited',
      '[default]',
      'aws_access_key_id=DEFAULTKEY',
      '',
      '[dev]   # the dev account',
      '; rotated by sso-tui',
      'aws_secret_access_key   =   OLDSECRET',
      'region = eu-west-1 # keep me',
      'aws_access_key_id = ASIAOLD',
      '',
      '# trailing note about prod',
      '[prod]',
      'aws_access_key_id = PRODKEY',
      '',
    ].join('\n');
    const after = upsertSection(before, { header: 'dev' }, [
      ...keys,
      ['aws_session_token', 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVz+abc/def=='],
    ]);
    expect(after).toBe(
      [
        '# my credentials — hand edited',
        '[default]',
        'aws_access_key_id=DEFAULTKEY',
        '',
        '[dev]   # the dev account',
        '; rotated by sso-tui',
        'aws_secret_access_key = secret/NEW+key',
        'region = eu-west-1 # keep me',
        'aws_access_key_id = ASIANEW',
        'aws_session_token = IQoJb3JpZ2luX2VjEJr//////////wEaCXVz+abc/def==',
        '',
        '# trailing note about prod',
        '[prod]',
        'aws_access_key_id = PRODKEY',
        '',
      ].join('\n'),
    );
  });

  it('leaves a line both SDKs already read as the value untouched, spacing included', () => {
    const before = '[dev]\n  aws_access_key_id=ASIANEW\naws_secret_access_key = secret/NEW+key\n';
    expect(upsertSection(before, { header: 'dev' }, keys)).toBe(before);
  });

  it('rewrites a line botocore reads otherwise: it keeps an inline comment in the value', () => {
    const before = '[dev]\n  aws_access_key_id=ASIANEW   # same\naws_secret_access_key = secret/NEW+key\n';
    expect(upsertSection(before, { header: 'dev' }, keys)).toBe(
      '[dev]\n  aws_access_key_id = ASIANEW\naws_secret_access_key = secret/NEW+key\n',
    );
  });

  it('rewrites a header only botocore reads as that section, and keeps one both read', () => {
    const before = '[profile  dev]\nregion = x\n[b]\nk = v\n';
    expect(upsertSection(before, { header: 'profile dev' }, [['region', 'y']])).toBe(
      '[profile dev]\nregion = y\n[b]\nk = v\n',
    );
    const quoted = '[profile "dev"]\r\nregion = x\r\n';
    expect(upsertSection(quoted, { header: 'profile dev' }, [['region', 'y']])).toBe(
      '[profile "dev"]\r\nregion = y\r\n',
    );
  });

  it('writes into the later of [profile "dev"] and [profile dev] and drops the keys to remove from both', () => {
    const before = '[profile "dev"]\nregion = a\nrole_arn = r\n[profile dev]\noutput = json\n';
    const after = upsertSection(before, { header: 'profile dev', removeKeys: ['role_arn'] }, [
      ['region', 'b'],
    ]);
    expect(after).toBe('[profile "dev"]\nregion = a\n[profile dev]\noutput = json\nregion = b\n');
  });

  it('refuses a section botocore reads twice, which makes it refuse the file', () => {
    const before = '[dev]\nregion = first\n[prod]\nk = v\n[dev]\nregion = second\n';
    const error = captureError(() => upsertSection(before, { header: 'dev' }, [['region', 'third']]));
    expect(error).toBeInstanceOf(RefusedEditError);
    expect((error as RefusedEditError).message).toBe(
      'The file was not changed: line 5: botocore cannot read the file (the section [dev] appears again, first on line 1).',
    );
  });

  it('keeps a section at the end of a file without a final newline without one', () => {
    expect(upsertSection('[a]\nk = v\n[dev]\nregion = x', { header: 'dev' }, [['output', 'json']])).toBe(
      '[a]\nk = v\n[dev]\nregion = x\noutput = json',
    );
    expect(upsertSection('[a]\r\n[dev]', { header: 'dev' }, [['output', 'json']])).toBe(
      '[a]\r\n[dev]\r\noutput = json',
    );
  });

  it('adds keys with the CRLF of a CRLF file and no lone \\n', () => {
    const after = upsertSection('[dev]\r\nregion = x\r\n\r\n[b]\r\n', { header: 'dev' }, keys);
    expect(after).toBe(
      '[dev]\r\nregion = x\r\naws_access_key_id = ASIANEW\r\naws_secret_access_key = secret/NEW+key\r\n\r\n[b]\r\n',
    );
  });

  it('gives a replaced line its own line end, byte for byte, in a file of mixed line ends', () => {
    // Mostly CRLF, with one LF line: the replaced LF line stays LF, and the CRLF lines stay CRLF.
    const mostlyCrlf = '[a]\r\nk = v\r\n[dev]\r\nregion = x\noutput = text\r\n';
    expect(upsertSection(mostlyCrlf, { header: 'dev' }, [['region', 'y']])).toBe(
      '[a]\r\nk = v\r\n[dev]\r\nregion = y\noutput = text\r\n',
    );
    // Mostly LF, with one CRLF line: the replaced CRLF line keeps its CRLF.
    const mostlyLf = '[a]\nk = v\n[dev]\nregion = x\r\noutput = text\n';
    expect(upsertSection(mostlyLf, { header: 'dev' }, [['region', 'y']])).toBe(
      '[a]\nk = v\n[dev]\nregion = y\r\noutput = text\n',
    );
  });

  it('keeps sub-key blocks and replaces a written block key whole', () => {
    const before =
      '[profile dev]\ns3 =\n  addressing_style = path\nregion = x\ncli =\n  a = 1\n  b = 2\n# end\n';
    expect(upsertSection(before, { header: 'profile dev' }, [['cli', 'flat']])).toBe(
      '[profile dev]\ns3 =\n  addressing_style = path\nregion = x\ncli = flat\n# end\n',
    );
    expect(upsertSection(before, { header: 'profile dev' }, [['output', 'json']])).toBe(
      '[profile dev]\ns3 =\n  addressing_style = path\nregion = x\ncli =\n  a = 1\n  b = 2\noutput = json\n# end\n',
    );
  });

  it('takes sub-keys commented out with # or ; as no end of their block, as botocore does', () => {
    // botocore reads s3's three sub-keys: a comment line between them leaves the block open.
    const before =
      '[profile dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n#  multipart_threshold = 64MB\n' +
      '  multipart_chunksize = 16MB\n; use_accelerate_endpoint = true\n  addressing_style = path\n';
    expect(upsertSection(before, { header: 'profile dev' }, [['output', 'json']])).toBe(
      `${before}output = json\n`,
    );
    expect(upsertSection(before, { header: 'profile dev', removeKeys: ['s3'] }, [['output', 'json']])).toBe(
      '[profile dev]\nregion = eu-west-1\noutput = json\n',
    );
    // A section of comments only: keys go under the header, unindented.
    expect(
      upsertSection('[profile dev]\n  ; by hand\n', { header: 'profile dev' }, [['output', 'json']]),
    ).toBe('[profile dev]\noutput = json\n  ; by hand\n');
  });

  it('does not touch UTF-8 text elsewhere in the file', () => {
    const before = '# für Müller ☕\n[dev]\nregion = x\n[café]\nnote = naïve\n';
    expect(upsertSection(before, { header: 'dev' }, [['region', 'y']])).toBe(
      '# für Müller ☕\n[dev]\nregion = y\n[café]\nnote = naïve\n',
    );
  });

  it('refuses a file with a byte order mark, which botocore cannot read at all', () => {
    expect(() => upsertSection('\uFEFF[a]\nk = v\n', { header: 'dev' }, keys)).toThrow(
      'line 1: botocore cannot read the file (a byte order mark (U+FEFF) at the start of the file)',
    );
  });
});

describe('upsertSection, files as the SDKs read them', () => {
  it('refuses a line in the target section that botocore cannot read, naming it and not quoting it', () => {
    const before = '[a]\nk = v\n[dev]\nregion = x\nASIA-PASTED-ALONE\n';
    const error = captureError(() => upsertSection(before, { header: 'dev' }, keys));
    expect(error).toBeInstanceOf(RefusedEditError);
    const refused = error as RefusedEditError;
    expect(refused.line).toBe(5);
    expect(refused.message).not.toContain('ASIA-PASTED');
    expect(refused.inFile('/home/me/.aws/credentials').message).toMatch(
      /^\/home\/me\/\.aws\/credentials was not changed: line 5: /,
    );
  });

  it('refuses a file botocore cannot read because of another section, naming that line', () => {
    const before = 'stray = 1\n[a]\nk = v\n[dev]\nregion = x\n';
    expect(() => upsertSection(before, { header: 'dev' }, [['region', 'y']])).toThrow(
      'line 1: botocore cannot read the file (text before the first section header)',
    );
  });

  it('edits around what both SDKs read: [unclosed = 1, a repeated nested sub-key, odd sessions', () => {
    const before =
      '[sso-session other]\n[unclosed = 1\ns3 =\n  a = 1\n  a = 2\n[dev]\nregion = x\n[profile q]\nk = v\n';
    expect(upsertSection(before, { header: 'dev' }, [['region', 'y']])).toBe(
      before.replace('region = x', 'region = y'),
    );
  });

  it('replaces a key written in another case where it stands, instead of adding a second one', () => {
    const before = '[dev]\nAWS_ACCESS_KEY_ID = OLD\nRegion = eu-west-1\n';
    expect(upsertSection(before, { header: 'dev' }, keys)).toBe(
      '[dev]\naws_access_key_id = ASIANEW\nRegion = eu-west-1\naws_secret_access_key = secret/NEW+key\n',
    );
  });

  it('finds [dev]#old as botocore does and makes it a header both read', () => {
    const before = '[dev]#old\naws_access_key_id = OLD\n[b]\nk = v\n';
    expect(upsertSection(before, { header: 'dev' }, keys)).toBe(
      '[dev]\naws_access_key_id = ASIANEW\naws_secret_access_key = secret/NEW+key\n[b]\nk = v\n',
    );
  });

  it('refuses [dev]#old after another section: the JavaScript SDK files its keys under that one', () => {
    const before = '[a]\nk = 1\n[dev]#old\naws_access_key_id = OLD\n';
    expect(() => upsertSection(before, { header: 'dev' }, keys)).toThrow(
      'line 1: the edit would make the AWS SDK for JavaScript read [a] differently',
    );
  });

  it('refuses [dev]#old when the JavaScript SDK would read the value of a key of [a] otherwise', () => {
    // Before, the SDK files OLD under [a], over its own 1: as many keys, another value.
    const before = '[a]\naws_access_key_id = 1\n[dev]#old\naws_access_key_id = OLD\n';
    expect(() => upsertSection(before, { header: 'dev' }, keys)).toThrow(
      'line 1: the edit would make the AWS SDK for JavaScript read [a] differently',
    );
  });

  it.each([
    ['[profile a]', '[profile a]'],
    ['[default]', '[default]'],
    ['[profile default]', '[default]'],
    ['[sso-session corp]', '[sso-session corp]'],
  ])('names %s of the config file as %s when refusing to change how it reads', (header, shown) => {
    const before = `${header}\nregion = x\n[profile dev]#old\nregion = y\n`;
    expect(() => upsertSection(before, { header: 'profile dev' }, [['output', 'json']])).toThrow(
      `line 1: the edit would make the AWS SDK for JavaScript read ${shown} differently`,
    );
  });

  it('takes [ dev ] for " dev ", as both SDKs do, and adds [dev]', () => {
    const before = '[ dev ]\nk = v\n';
    expect(upsertSection(before, { header: 'dev' }, keys)).toBe(
      '[ dev ]\nk = v\n\n[dev]\naws_access_key_id = ASIANEW\naws_secret_access_key = secret/NEW+key\n',
    );
  });

  it('never writes a key just above an indented header it would swallow', () => {
    const before = '[dev]\n  [admin]\nk = v\n';
    const after = upsertSection(before, { header: 'dev' }, [['region', 'y']]);
    expect(after).toBe('[dev]\n  region = y\n  [admin]\nk = v\n');
  });

  it('refuses a profile that [DEFAULT] would give a key of another credential source', () => {
    const before = '[DEFAULT]\nrole_arn = arn:aws:iam::1:role/r\n[a]\nk = v\n';
    expect(() => upsertSection(before, { header: 'dev', removeKeys: ['role_arn'] }, keys)).toThrow(
      /line 2: botocore would not read \[dev\] as written \(its key role_arn would still apply\)/,
    );
    expect(() => upsertSection(before, { header: 'DEFAULT' }, keys)).toThrow(InvalidProfileNameError);
  });

  it('refuses it too when [DEFAULT] is an indented header, which botocore still reads after a section without keys', () => {
    // botocore gives [dev] the role_arn of this [DEFAULT]; the judgement of the changed sections cannot
    // cut an indented header out of the file, so the whole file is judged.
    const before = '[x]\n  [DEFAULT]\nrole_arn = arn:aws:iam::1:role/r\n[a]\nk = v\n';
    expect(() => upsertSection(before, { header: 'dev', removeKeys: ['role_arn'] }, keys)).toThrow(
      /line 3: botocore would not read \[dev\] as written \(its key role_arn would still apply\)/,
    );
  });

  it('writes [default] and [profile default] both when the SDKs take the profile from different ones', () => {
    const before = '[profile default]\nregion = a\n[default]\nregion = b\n';
    expect(upsertSection(before, { header: 'default' }, [['output', 'json']], 'config')).toBe(
      '[profile default]\nregion = a\noutput = json\n[default]\nregion = b\noutput = json\n',
    );
  });
});

describe('upsertSection, what it will not write', () => {
  it.each([
    ['an empty value', ''],
    ['a value with surrounding white space', ' x '],
    ['a value on two lines', 'a\nb'],
    ['a value cut by a comment', 'abc #def'],
    ['a value that starts like a comment', ';abc'],
  ])('refuses %s without quoting it', (_name, value) => {
    const error = captureError(() => upsertSection('', { header: 'dev' }, [['aws_session_token', value]]));
    expect(error).toBeInstanceOf(UnwritableValueError);
    expect((error as Error).message).toContain('aws_session_token');
    if (value.trim() !== '') expect((error as Error).message).not.toContain(value.trim());
  });

  it.each([
    '',
    'profile  dev',
    ' dev',
    'dev]',
    'a\nb',
    'profile __proto__',
    '__proto__',
    'x # y',
    'two words',
  ])('refuses the header %j', (header) => {
    expect(() => upsertSection('', { header }, keys)).toThrow(InvalidProfileNameError);
  });

  it('refuses a key given twice or a key that is not a plain name', () => {
    expect(() => upsertSection('', { header: 'dev' }, [...keys, keys[0]])).toThrow(UnwritableValueError);
    expect(() => upsertSection('', { header: 'dev' }, [['a = b', 'c']])).toThrow(UnwritableValueError);
  });
});

describe('removing a section, and hasSection', () => {
  const removeSection = (text: string, header: string): string =>
    editSections(text, [{ header, remove: true }]);

  const text = '# top\n[dev]\nregion = a\n# about prod\n[prod]\nk = v\n[ dev ]\nregion = b\n\n# end\n';

  it('removes the section, header through last key, and leaves [ dev ], which is " dev "', () => {
    expect(removeSection(text, 'dev')).toBe(
      '# top\n# about prod\n[prod]\nk = v\n[ dev ]\nregion = b\n\n# end\n',
    );
    expect(removeSection(text, 'absent')).toBe(text);
  });

  it('removes every copy of a section botocore reads twice, which is why it cannot read the file', () => {
    expect(removeSection('# top\n[dev]\nregion = first\n\n[dev]\nregion = second\n', 'dev')).toBe(
      '# top\n\n',
    );
    // The second copy a header alone: botocore's complaint is on the section's last line.
    expect(removeSection('[dev]\nregion = first\n[dev]\n', 'dev')).toBe('');
    const twice = '[dev]\nregion = first\n[dev]\nregion = second\n';
    expect(
      editSections(twice, [
        { header: 'dev', remove: true },
        { header: 'prod', values: [['k', 'v']] },
      ]),
    ).toBe('[prod]\nk = v\n');
  });

  it('refuses to remove a section it cannot read with certainty', () => {
    expect(() => removeSection('[dev]\nbroken\n', 'dev')).toThrow(RefusedEditError);
  });

  it('finds sections by their canonical header', () => {
    expect(hasSection(text, 'dev')).toBe(true);
    expect(hasSection(text, 'prod')).toBe(true);
    expect(hasSection(text, 'profile dev')).toBe(false);
    expect(hasSection('[profile "dev"]', 'profile dev')).toBe(true);
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('upsertSection with removeKeys', () => {
  it('drops the named keys of the target section only, sub-blocks included, and keeps the rest in place', () => {
    const text =
      '[profile a]\nsso_start_url = https://x/start#/\ns3 =\n  max_concurrent_requests = 5\noutput = json\n\n' +
      '[profile b]\nsso_start_url = https://keep\n';
    const result = upsertSection(text, { header: 'profile a', removeKeys: ['sso_start_url', 's3'] }, [
      ['sso_session', 'corp'],
    ]);
    expect(result).toBe(
      '[profile a]\noutput = json\nsso_session = corp\n\n[profile b]\nsso_start_url = https://keep\n',
    );
  });
});

describe('editSections', () => {
  it('applies several edits as one change, in order', () => {
    const before = '# top\n[a]\nk = v\n\n[b]\nk = w\n';
    const after = editSections(before, [
      { header: 'c', values: [['k', 'x']] },
      { header: 'a', values: [['k', 'y']] },
      { header: 'b', remove: true },
    ]);
    expect(after).toBe('# top\n[a]\nk = y\n\n\n[c]\nk = x\n');
  });

  it('refuses the whole change when one edit is refused', () => {
    expect(() =>
      editSections('[a]\nbroken\n', [
        { header: 'c', values: [['k', 'x']] },
        { header: 'a', values: [['k', 'y']] },
      ]),
    ).toThrow(RefusedEditError);
  });
});

// In a file of thousands of profiles the edit is judged by the sections it changed (iniEditor's
// passesOnChangedSections): what the whole-file judgement refuses must stay refused, at the same line.
describe('editSections in a file of thousands of profiles', () => {
  const bulk = (from: number): string =>
    Array.from(
      { length: 2_000 },
      (_, index) => `[profile p${from + index}]\nsso_session = corp\nregion = eu-west-1\n`,
    ).join('\n') + '\n';
  const linesOf = (text: string): number => text.split('\n').length - 1;
  const sso = [
    ['sso_session', 'corp'],
    ['region', 'us-east-1'],
  ] as const;

  it('refuses a line botocore cannot read in the section it edits, naming that line', () => {
    const head = bulk(0);
    const before = `${head}[profile dev]\nregion = x\nASIA-PASTED-ALONE\n${bulk(5_000)}`;
    const error = captureError(() => upsertSection(before, { header: 'profile dev' }, sso));
    expect(error).toBeInstanceOf(RefusedEditError);
    expect((error as RefusedEditError).line).toBe(linesOf(head) + 3);
  });

  it('refuses a file botocore cannot read far from the edited section, as before', () => {
    const head = `${bulk(0)}[profile dev]\nregion = x\n${bulk(5_000)}[profile z]\n`;
    const before = `${head}no delimiter here\n`;
    expect(() => upsertSection(before, { header: 'profile dev' }, sso)).toThrow(
      `line ${linesOf(head) + 1}: botocore cannot read the file (a line that is neither a section header nor "key = value")`,
    );
    expect(() =>
      upsertSection(`${bulk(0)}[profile p1]\nregion = x\n`, { header: 'profile dev' }, sso),
    ).toThrow(/botocore cannot read the file \(the section \[profile p1\] appears again/);
  });

  it('refuses an edit that would make the JavaScript SDK read another section differently', () => {
    const head = bulk(0);
    const before = `${head}[a]\nk = 1\n[dev]#old\naws_access_key_id = OLD\n${bulk(5_000).replaceAll('profile ', '')}`;
    expect(() => upsertSection(before, { header: 'dev' }, keys)).toThrow(
      `line ${linesOf(head) + 1}: the edit would make the AWS SDK for JavaScript read [a] differently`,
    );
  });

  it('refuses a profile that a [DEFAULT] at the top of the file gives another credential source', () => {
    const before = `[DEFAULT]\nrole_arn = arn:aws:iam::1:role/r\n${bulk(0)}`;
    expect(() => upsertSection(before, { header: 'profile dev' }, sso)).toThrow(
      /line 2: botocore would not read \[profile dev\] as written \(its key role_arn would still apply\)/,
    );
  });

  it('makes the same change as in a small file: both duplicate headers, an indented header, no final newline', () => {
    const small = '[profile "dev"]\nregion = eu-west-1\n\n[profile dev]\noutput = json\n  [admin]\nk = v';
    const edits = [
      { header: 'profile dev', values: sso },
      { header: 'profile p7', remove: true as const },
      { header: 'profile fresh', values: sso },
    ];
    const big = `${bulk(0)}${small}`;
    const edited = editSections(big, edits, 'config');
    const alone = editSections(`[profile p7]\nregion = x\n${small}`, edits, 'config');
    expect(edited.slice(edited.indexOf('[profile "dev"]'))).toBe(
      alone.slice(alone.indexOf('[profile "dev"]')),
    );
    expect(edited).not.toContain('[profile p7]');
    expect(edited).toContain('[profile p8]\nsso_session = corp\nregion = eu-west-1\n');
  });
});

describe('editSections on a layout from botocore’s scan or from its own pass', () => {
  // A comment with U+0085 (white space to Python, not to JavaScript) before the first header makes the
  // editor lay the file out itself; otherwise, in most of these files, it takes botocore's scan.
  const outcome = (text: string, edits: readonly SectionEdit[], kind: AwsFileKind): string => {
    try {
      return editSections(text, edits, kind);
    } catch (error) {
      if (error instanceof RefusedEditError) return `refused: ${error.message.replace(/\d+/g, 'N')}`;
      throw error;
    }
  };
  it('makes the same edits', () => {
    const marker = '# mark\u0085\n';
    let compared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { text } = generatedFile(seed);
      // The marker's line end would count towards the file's own (a CRLF file).
      if (text.startsWith('\uFEFF') || text.includes('\r')) continue;
      for (const [kind, edits] of [
        ['config', [{ header: 'profile dev', values: [['region', 'eu-west-1']], removeKeys: ['output'] }]],
        [
          'config',
          [
            { header: 'profile prod', remove: true },
            { header: 'profile new', values: [['k', 'v']] },
          ],
        ],
        ['credentials', [{ header: 'dev', values: [['aws_access_key_id', 'ASIANEW']] }]],
      ] as const) {
        const plain = outcome(text, edits as readonly SectionEdit[], kind);
        const marked = outcome(marker + text, edits as readonly SectionEdit[], kind);
        // Below a comment, a section added to an emptied file gets a blank line before it.
        const unmarked = marked.startsWith(marker)
          ? marked.slice(marker.length).replace(/^\n\[/, '[')
          : marked;
        expect(unmarked, `seed ${seed}`).toBe(plain.replace(/^\n\[/, '['));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
