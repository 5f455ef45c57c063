import { open, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSync, closeSync } from 'node:fs';
import {
  decodeUtf8,
  descriptorHolds,
  handleHolds,
  readWhole,
  readWholeAgain,
} from '../../source/services/regularFile.js';
import { tempFolder } from '../support/tempFolders.js';

describe('readWhole', () => {
  it('reads a file from its start, whatever the handle has read', async () => {
    const path = join(await tempFolder('sso-tui-regular-'), 'config');
    const text = '[profile dev]\nregion = eu-west-1\n'.repeat(5000);
    await writeFile(path, text);
    const handle = await open(path, 'r');
    try {
      await handle.read(Buffer.alloc(10), 0, 10, null);
      expect((await readWhole(handle)).toString('utf8')).toBe(text);
    } finally {
      await handle.close();
    }
  });

  it('reads an empty file as no bytes', async () => {
    const path = join(await tempFolder('sso-tui-regular-'), 'empty');
    await writeFile(path, '');
    const handle = await open(path, 'r');
    try {
      expect((await readWhole(handle)).length).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('reads on past the size the file had, when it grew meanwhile', async () => {
    const content = Buffer.from('x'.repeat(1000));
    // The file had 3 bytes when asked, 1,000 when read.
    const growing = {
      stat: async () => ({ size: 3 }),
      read: async (buffer: Buffer, offset: number, length: number, position: number) => {
        const bytesRead = content.copy(buffer, offset, position, Math.min(position + length, content.length));
        return { bytesRead, buffer };
      },
    } as unknown as FileHandle;
    expect((await readWhole(growing)).equals(content)).toBe(true);
  });
});

describe('a file compared with bytes at hand, a chunk at a time', () => {
  // Around the 64 KB chunk: empty, one byte, a chunk less one, one, one and one more, several.
  const sizes = [0, 1, 65535, 65536, 65537, 200_000];

  it('holds them exactly when every byte is the same and it ends where they end', async () => {
    const folder = await tempFolder('sso-tui-regular-');
    for (const size of sizes) {
      const expected = Buffer.alloc(size, 'k');
      const variants: Array<[string, Buffer, boolean]> = [
        ['the same', Buffer.from(expected), true],
        ['a byte longer', Buffer.concat([expected, Buffer.from('x')]), false],
        ['a chunk longer', Buffer.concat([expected, Buffer.alloc(65536, 'k')]), false],
        ['a byte shorter', expected.subarray(0, Math.max(0, size - 1)), size === 0],
      ];
      for (const at of [0, size >> 1, size - 1].filter((offset) => offset >= 0 && offset < size)) {
        const changed = Buffer.from(expected);
        changed[at] = 0x78;
        variants.push([`byte ${at} changed`, changed, false]);
      }
      for (const [what, content, holds] of variants) {
        const path = join(folder, 'file');
        await writeFile(path, content);
        const handle = await open(path, 'r');
        const descriptor = openSync(path, 'r');
        try {
          expect(await handleHolds(handle, expected), `${size} ${what}`).toBe(holds);
          expect(descriptorHolds(descriptor, expected), `${size} ${what}`).toBe(holds);
        } finally {
          await handle.close();
          closeSync(descriptor);
        }
      }
    }
  });

  it('gives back the bytes last decoded when the file holds them, and what it holds otherwise', async () => {
    const path = join(await tempFolder('sso-tui-regular-'), 'config');
    const text = '[profile dev]\nregion = eu-west-1\n'.repeat(5000);
    const decoded = Buffer.from(text);
    decodeUtf8(decoded);
    for (const [content, same] of [
      [text, true],
      [text.replace('eu-west-1', 'eu-west-2'), false],
      [`${text}x`, false],
    ] as const) {
      await writeFile(path, content);
      const handle = await open(path, 'r');
      try {
        const bytes = await readWholeAgain(handle);
        expect(bytes === decoded).toBe(same);
        expect(bytes.toString('utf8')).toBe(content);
      } finally {
        await handle.close();
      }
    }
  });
});

describe('decodeUtf8', () => {
  it('gives the same string for the same bytes read twice, and keeps a byte order mark', () => {
    const text = '\uFEFF[profile café]\nregion = eu-west-1\n';
    const first = decodeUtf8(Buffer.from(text));
    expect(first).toEqual({ text, isUtf8: true });
    expect(decodeUtf8(Buffer.from(text))).toBe(first);
  });

  it('decodes any bytes as TextDecoder does, ASCII alone (read as Latin-1) or not, short or over 1 MB', () => {
    const big = Buffer.alloc(1_100_000, '[profile a]\nk = v\n');
    const cases = [
      ...fc.sample(fc.uint8Array({ maxLength: 64 }), { numRuns: 500, seed: 16 }),
      ...fc.sample(fc.uint8Array({ min: 0, max: 0x7f, maxLength: 64 }), { numRuns: 500, seed: 17 }),
      big,
      Buffer.concat([big, Buffer.from('é\n')]),
      Buffer.concat([big, Buffer.from([0x80])]),
    ];
    for (const bytes of cases) {
      const buffer = Buffer.from(bytes);
      // A byte order mark stays, as U+FEFF.
      expect(decodeUtf8(buffer).text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer));
    }
  });

  it('says when the bytes are not UTF-8, whatever was decoded before', () => {
    const latin1 = Buffer.from('[profile caf\xe9]\n', 'latin1');
    decodeUtf8(Buffer.from('[profile caf]\n'));
    expect(decodeUtf8(latin1).isUtf8).toBe(false);
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80])).isUtf8).toBe(false);
    expect(decodeUtf8(Buffer.from('[profile café]\n')).isUtf8).toBe(true);
  });
});
