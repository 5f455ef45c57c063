import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasControlCharacters,
  searchableText,
  shownRanges,
  terminalJson,
  terminalLines,
  terminalText,
  type TextRange,
} from '../../source/services/terminalText.js';

/** Every character the spec names (SPEC §10), one by one. */
const NAMED = [
  ...Array.from({ length: 0x20 }, (_, code) => code),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, code) => 0x80 + code),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
  0x200e,
  0x200f,
  0x061c,
  0x200b,
  0x200c,
  0x200d,
  0x2060,
  0xfeff,
].map((code) => String.fromCodePoint(code));

/** Text as a hostile portal would send it: ordinary letters mixed with controls and escape sequences. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom(...NAMED),
      fc.constantFrom(
        '\u001B]52;c;aGk=\u0007',
        '\u001B]0;title\u001B\\',
        '\u001B[2J',
        '\u009B31m',
        '\u{E0041}',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Any code point of the control and format categories, or of the separators. */
const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

describe('terminalText', () => {
  it('turns every character SPEC §10 names into a visible escape', () => {
    for (const character of NAMED) {
      const shown = terminalText(`a${character}b`);
      expect(shown, JSON.stringify(character)).not.toMatch(RAW_CONTROL);
      expect(shown).toMatch(/^a\\(t|n|r|x[0-9a-f]{2}|u[0-9a-f]{4})b$/);
    }
    expect(terminalText('\u001B]52;c;aGk=\u0007')).toBe('\\x1b]52;c;aGk=\\x07');
    expect(terminalText('pay\u202Ements\t\r\n')).toBe('pay\\u202ements\\t\\r\\n');
    expect(terminalText('\u009B2J\u007F')).toBe('\\x9b2J\\x7f');
    expect(terminalText('tag\u{E0041}')).toBe('tag\\u{e0041}');
  });

  it('leaves ordinary text, backslashes and non-Latin scripts as they are', () => {
    for (const text of ['payments-prod', 'C:\\Users\\me', 'ünïcødé 日本語 😀', 'a\\x1bb', '']) {
      expect(terminalText(text)).toBe(text);
      expect(hasControlCharacters(text)).toBe(false);
    }
  });

  it('never lets a control or format character through, and changes nothing else (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = terminalText(text);
        expect(shown).not.toMatch(RAW_CONTROL);
        // Removing the escapes of the controls gives back the text without its controls.
        expect(terminalText(searchableText(text))).toBe(searchableText(text));
        expect(hasControlCharacters(text)).toBe(shown !== text);
      }),
    );
  });
});

describe('terminalLines', () => {
  it('keeps each line a line, ends every one, and lets nothing inside a line start another', () => {
    expect(terminalLines('Error: boom\n    at x (/a\u001B[2J.ts:1:2)')).toBe(
      'Error: boom\n    at x (/a\\x1b[2J.ts:1:2)\n',
    );
    expect(terminalLines('one\rtwo\u2028three')).toBe('one\\rtwo\\u2028three\n');
    expect(terminalLines('')).toBe('\n');
  });
});

describe('searchableText and shownRanges', () => {
  it('drops the controls for search and moves the found ranges onto the escaped text', () => {
    const name = 'pay\u001B]52;c;x\u0007ments';
    expect(searchableText(name)).toBe('pay]52;c;xments');
    const shown = terminalText(name);
    expect(shown).toBe('pay\\x1b]52;c;x\\x07ments');
    // "ments" found at 10–14 of the searchable text is drawn at 18–22.
    const [moved] = shownRanges(name, [[10, 14]]);
    expect(shown.slice(moved![0], moved![1] + 1)).toBe('ments');
    // A range over a removed character covers its escape.
    expect(shownRanges('ab\u200Bcd', [[1, 2]])).toEqual([[1, 8]]);
    expect(shownRanges('plain', [[1, 2]])).toEqual([[1, 2]]);
  });

  it('cuts a range that runs past the end, and drops one that starts there', () => {
    // 'ab\u200Bcd' is shown as 'ab\u200bcd': the searchable 'abcd' sits at 0, 1, 8 and 9.
    expect(shownRanges('ab\u200Bcd', [[2, 10]])).toEqual([[8, 9]]);
    expect(
      shownRanges('ab\u200Bcd', [
        [4, 6],
        [0, 0],
      ]),
    ).toEqual([[0, 0]]);
    expect(shownRanges('ab\u200Bcd', [[3, 3]])).toEqual([[9, 9]]);
  });

  it('counts an escaped character beyond the BMP by its whole escape', () => {
    // '\u{e0041}' is 9 characters on screen, two code units in the text.
    expect(terminalText('a\u{E0041}b')).toBe('a\\u{e0041}b');
    expect(shownRanges('a\u{E0041}b', [[0, 1]])).toEqual([[0, 10]]);
    expect(searchableText('a\u{E0041}b')).toBe('ab');
  });

  it('moves a range over letters beyond the BMP unit by unit', () => {
    // '😀' is two UTF-16 code units, drawn after the 4-character escape '\x07'.
    expect(shownRanges('\u0007😀x', [[0, 2]])).toEqual([[4, 6]]);
    expect(shownRanges('\u0007😀x', [[2, 2]])).toEqual([[6, 6]]);
  });

  it('every range lands on the same characters in the shown text (property)', () => {
    fc.assert(
      fc.property(hostileText, fc.nat(), fc.nat(), (text, a, b) => {
        const searchable = searchableText(text);
        fc.pre(searchable.length > 0);
        const start = Math.min(a, b) % searchable.length;
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (searchable.length - start));
        const shown = terminalText(text);
        const [moved] = shownRanges(text, [[start, end] as TextRange]);
        expect(moved).toBeDefined();
        expect(shown[moved![0]]).toBe(searchable[start]);
        expect(shown[moved![1]]).toBe(searchable[end]);
        expect(searchableText(shown.slice(moved![0], moved![1] + 1)).length).toBeGreaterThanOrEqual(
          end - start + 1,
        );
      }),
    );
  });
});

describe('terminalJson', () => {
  it('is the same JSON, with no raw control or format character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ accountName: hostileText, roleName: hostileText })), (value) => {
        const json = terminalJson(value, 2);
        expect(JSON.parse(json)).toEqual(value);
        // Line breaks of the indentation are the only controls left, and only between values.
        expect(json.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
      }),
    );
  });

  it('escapes C1 and bidi controls with \\u', () => {
    expect(terminalJson({ name: 'a\u009B2Jb\u202E\u{E0041}' })).toBe(
      '{"name":"a\\u009b2Jb\\u202e\\udb40\\udc41"}',
    );
  });
});
