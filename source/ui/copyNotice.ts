import type { CopyOutcome } from '../services/clipboard.js';

/** What the screen says after `c`: where the text went, never "copied" when that is not known. */
export function copyNotice(what: string, outcome: CopyOutcome): string {
  switch (outcome.kind) {
    case 'tool':
      return `Copied ${what} to the clipboard (${outcome.tool}).`;
    case 'tmux':
      return outcome.clipboard
        ? `Copied ${what} into tmux's paste buffer; tmux passes it on to the terminal's clipboard where its set-clipboard option allows.`
        : `Copied ${what} into tmux's paste buffer (prefix ] pastes it); tmux before 3.2 cannot set the terminal's clipboard.`;
    case 'osc52':
      return `Sent ${what} to the terminal with OSC 52 — your terminal must allow it.`;
  }
}
