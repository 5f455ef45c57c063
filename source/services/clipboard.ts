import { spawn } from 'node:child_process';
import type { Environment } from './endpoints.js';

type Command = readonly [string, ...string[]];

/** What a copy really did, for the screen to say so. */
export type CopyOutcome =
  /** A clipboard tool took the text: `pbcopy`, `wl-copy`, `xclip`… */
  | { readonly kind: 'tool'; readonly tool: string }
  /**
   * tmux took it into its paste buffer; with `-w` (tmux 3.2 or later) tmux also passes it on to the outer
   * terminal's clipboard, as its `set-clipboard` option allows (the default, `external`, does).
   */
  | { readonly kind: 'tmux'; readonly clipboard: boolean }
  /** Written to the terminal as OSC 52: whether it reached a clipboard is up to the terminal. */
  | { readonly kind: 'osc52' };

/**
 * Copies text to the clipboard: with the platform's tool where one runs; inside tmux, into tmux itself
 * (`tmux load-buffer -w -`), which sets its buffer and the outer clipboard where allowed, rather than an
 * OSC 52 in a passthrough wrapper that tmux drops unless `allow-passthrough` is on; elsewhere (SSH, a bare
 * container) as OSC 52, which asks the terminal emulator itself to set the clipboard, across SSH too.
 */
export async function copyToClipboard(
  text: string,
  machine: { env: Environment; platform: NodeJS.Platform; terminal: NodeJS.WritableStream },
): Promise<CopyOutcome> {
  for (const command of clipboardCommands(machine.env, machine.platform)) {
    if (await pipeTo(command, text, machine.env)) return { kind: 'tool', tool: command[0] };
  }
  if (machine.env.TMUX) {
    // `-w` is tmux 3.2's; an older tmux refuses the flag, and still takes the text into its buffer.
    if (await pipeTo(['tmux', 'load-buffer', '-w', '-'], text, machine.env))
      return { kind: 'tmux', clipboard: true };
    if (await pipeTo(['tmux', 'load-buffer', '-'], text, machine.env))
      return { kind: 'tmux', clipboard: false };
  }
  machine.terminal.write(osc52(text));
  return { kind: 'osc52' };
}

export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
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

function pipeTo([program, ...args]: Command, text: string, env: Environment): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'ignore'], env });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
    child.stdin.on('error', () => resolve(false));
    child.stdin.end(text);
  });
}
