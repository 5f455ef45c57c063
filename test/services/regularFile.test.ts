import { open, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWhole } from '../../source/services/regularFile.js';
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
