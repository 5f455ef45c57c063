import { open, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readWhole } from '../../source/services/regularFile.js';
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

describe('decodeUtf8', () => {
  it('gives the same string for the same bytes read twice, and keeps a byte order mark', () => {
    const text = '\uFEFF[profile café]\nregion = eu-west-1\n';
    const first = decodeUtf8(Buffer.from(text));
    expect(first).toEqual({ text, isUtf8: true });
    expect(decodeUtf8(Buffer.from(text))).toBe(first);
  });

  it('says when the bytes are not UTF-8, whatever was decoded before', () => {
    const latin1 = Buffer.from('[profile caf\xe9]\n', 'latin1');
    decodeUtf8(Buffer.from('[profile caf]\n'));
    expect(decodeUtf8(latin1).isUtf8).toBe(false);
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80])).isUtf8).toBe(false);
    expect(decodeUtf8(Buffer.from('[profile café]\n')).isUtf8).toBe(true);
  });
});
