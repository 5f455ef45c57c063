import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyToClipboard, osc52 } from '../../source/services/clipboard.js';

describe('clipboard', () => {
  it('falls back to OSC 52 over SSH, wrapped for tmux when inside it', async () => {
    const terminal = new PassThrough();
    const written: string[] = [];
    terminal.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const how = await copyToClipboard('export A=1', {
      env: { SSH_TTY: '/dev/pts/1' },
      platform: 'linux',
      terminal,
    });
    expect(how).toBe('osc52');
    expect(written.join('')).toBe(`\u001B]52;c;${Buffer.from('export A=1').toString('base64')}\u0007`);
    expect(osc52('x', { TMUX: '/tmp/tmux' })).toBe('\u001BPtmux;\u001B\u001B]52;c;eA==\u0007\u001B\\');
  });
});
