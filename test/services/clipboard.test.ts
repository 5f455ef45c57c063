import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyToClipboard, osc52 } from '../../source/services/clipboard.js';
import { tempFolder } from '../support/tempFolders.js';

function recordingTerminal(): { terminal: PassThrough; written: () => string } {
  const terminal = new PassThrough();
  const chunks: string[] = [];
  terminal.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { terminal, written: () => chunks.join('') };
}

/**
 * A `tmux` on PATH that keeps what it is given and its arguments; `oldTmux` refuses `-w`, as tmux before
 * 3.2 does.
 */
async function fakeTmux({ oldTmux = false } = {}): Promise<{
  path: string;
  received: () => Promise<string>;
}> {
  const folder = await tempFolder('sso-tui-fake-tmux-');
  const log = join(folder, 'received');
  const refuse = oldTmux ? 'case "$*" in *-w*) echo "unknown flag -w" >&2; exit 1;; esac\n' : '';
  await writeFile(join(folder, 'tmux'), `#!/bin/sh\n${refuse}{ echo "$*"; cat; } > '${log}'\n`);
  await chmod(join(folder, 'tmux'), 0o755);
  return { path: `${folder}:/usr/bin:/bin`, received: () => readFile(log, 'utf8') };
}

describe('clipboard', () => {
  it('sends OSC 52 to the terminal over SSH outside tmux, and says so', async () => {
    const { terminal, written } = recordingTerminal();
    const how = await copyToClipboard('export A=1', {
      env: { SSH_TTY: '/dev/pts/1' },
      platform: 'linux',
      terminal,
    });
    expect(how).toEqual({ kind: 'osc52' });
    expect(written()).toBe(`\u001B]52;c;${Buffer.from('export A=1').toString('base64')}\u0007`);
    expect(osc52('x')).toBe('\u001B]52;c;eA==\u0007');
  });

  it('hands the text to tmux itself inside tmux (load-buffer -w), with nothing written to the terminal', async () => {
    const tmux = await fakeTmux();
    const { terminal, written } = recordingTerminal();
    const how = await copyToClipboard('export A=1', {
      env: { SSH_TTY: '/dev/pts/1', TMUX: '/tmp/tmux-0/default,1,0', PATH: tmux.path },
      platform: 'linux',
      terminal,
    });
    expect(how).toEqual({ kind: 'tmux', clipboard: true });
    expect(await tmux.received()).toBe('load-buffer -w -\nexport A=1');
    expect(written()).toBe('');
  });

  it('fills the buffer of a tmux older than 3.2 and says it cannot reach the clipboard', async () => {
    const tmux = await fakeTmux({ oldTmux: true });
    const { terminal } = recordingTerminal();
    const how = await copyToClipboard('export A=1', {
      env: { TMUX: '/tmp/tmux-0/default,1,0', PATH: tmux.path },
      platform: 'linux',
      terminal,
    });
    expect(how).toEqual({ kind: 'tmux', clipboard: false });
    expect(await tmux.received()).toBe('load-buffer -\nexport A=1');
  });

  it('falls back to OSC 52 when tmux is named but cannot be run', async () => {
    const { terminal, written } = recordingTerminal();
    const how = await copyToClipboard('x', {
      env: { TMUX: '/tmp/tmux-0/default,1,0', PATH: '/nonexistent' },
      platform: 'linux',
      terminal,
    });
    expect(how).toEqual({ kind: 'osc52' });
    expect(written()).toBe('\u001B]52;c;eA==\u0007');
  });
});
