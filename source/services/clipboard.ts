import { spawn } from 'node:child_process';
import type { Environment } from './endpoints.js';

type Command = readonly [string, ...string[]];

/**
 * Copies text to the system clipboard with the platform's tool; where none runs (SSH, a bare container) it
 * falls back to OSC 52, which asks the terminal emulator itself to set the clipboard, across SSH too.
 */
export async function copyToClipboard(
  text: string,
  world: { env: Environment; platform: NodeJS.Platform; terminal: NodeJS.WritableStream },
): Promise<'tool' | 'osc52'> {
  for (const command of clipboardCommands(world.env, world.platform)) {
    if (await pipeTo(command, text)) return 'tool';
  }
  world.terminal.write(osc52(text, world.env));
  return 'osc52';
}

export function osc52(text: string, env: Environment): string {
  const sequence = `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  // Inside tmux the sequence must be wrapped to reach the outer terminal.
  return env.TMUX ? `\u001BPtmux;${sequence.replaceAll('\u001B', '\u001B\u001B')}\u001B\\` : sequence;
}

function clipboardCommands(env: Environment, platform: NodeJS.Platform): Command[] {
  if (platform === 'darwin') return [['pbcopy']];
  if (platform === 'win32') return [['clip']];
  if (env.SSH_CONNECTION || env.SSH_TTY) return [];
  const commands: Command[] = [];
  if (env.WAYLAND_DISPLAY) commands.push(['wl-copy']);
  if (env.DISPLAY) commands.push(['xclip', '-selection', 'clipboard'], ['xsel', '--clipboard', '--input']);
  if (env.WSL_DISTRO_NAME) commands.push(['clip.exe']);
  return commands;
}

function pipeTo([program, ...args]: Command, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
    child.stdin.on('error', () => resolve(false));
    child.stdin.end(text);
  });
}
