import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines, lineTable, splitLines } from '../../../source/services/awsFiles/iniLines.js';

// Texts of the characters that decide where a line ends, and a few that do not.
const text = fc
  .array(fc.constantFrom('\n', '\r', '\r\n', 'a', ' ', '[', '\uFEFF'), { maxLength: 16 })
  .map((parts) => parts.join(''));

describe('splitLines', () => {
  it.each([
    ['', []],
    ['a', [{ content: 'a', eol: '' }]],
    ['a\n', [{ content: 'a', eol: '\n' }]],
    ['\n', [{ content: '', eol: '\n' }]],
    ['\r\n', [{ content: '', eol: '\r\n' }]],
    [
      '\n\r\n',
      [
        { content: '', eol: '\n' },
        { content: '', eol: '\r\n' },
      ],
    ],
    [
      'a\r\nb\rc\n\nd',
      [
        { content: 'a', eol: '\r\n' },
        { content: 'b\rc', eol: '\n' },
        { content: '', eol: '\n' },
        { content: 'd', eol: '' },
      ],
    ],
    ['\r', [{ content: '\r', eol: '' }]],
  ])('splits %j at \\n and \\r\\n, a lone \\r kept', (input, expected) => {
    expect(splitLines(input)).toEqual(expected);
  });

  it('gives back the exact text when its lines are joined', () => {
    fc.assert(fc.property(text, (input) => joinLines(splitLines(input)) === input));
  });
});

describe('lineTable', () => {
  it('reads the lines splitLines finds, where each starts, and the line each offset falls in', () => {
    fc.assert(
      fc.property(text, (input) => {
        const table = lineTable(input);
        const lines = splitLines(input);
        expect(table.text).toBe(input);
        expect(table.count).toBe(lines.length);
        let offset = 0;
        lines.forEach((line, index) => {
          expect(table.start(index)).toBe(offset);
          expect(table.line(index)).toEqual(line);
          const length = line.content.length + line.eol.length;
          for (let at = offset; at < offset + length; at++) expect(table.lineAt(at)).toBe(index);
          offset += length;
        });
        expect(table.start(lines.length)).toBe(input.length);
      }),
    );
  });

  it('takes the line end most lines use, \\n on a tie or with none', () => {
    expect(lineTable('').newline).toBe('\n');
    expect(lineTable('a').newline).toBe('\n');
    expect(lineTable('a\r\n').newline).toBe('\r\n');
    expect(lineTable('a\r\nb\n').newline).toBe('\n');
    expect(lineTable('a\r\nb\r\nc\n').newline).toBe('\r\n');
    expect(lineTable('a\r\nb\nc\n').newline).toBe('\n');
    // A lone \r ends no line; before \n it makes \r\n only where it ends the line's text.
    expect(lineTable('\r\r\n\r\n\n').newline).toBe('\r\n');
    expect(lineTable('a\rb\n').newline).toBe('\n');
    fc.assert(
      fc.property(text, (input) => {
        const lines = splitLines(input);
        const crlf = lines.filter(({ eol }) => eol === '\r\n').length;
        const lf = lines.filter(({ eol }) => eol === '\n').length;
        expect(lineTable(input).newline).toBe(crlf > lf ? '\r\n' : '\n');
      }),
    );
  });
});
