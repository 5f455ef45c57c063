import chalk from 'chalk';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { applyColorPreference, tint } from '../../source/ui/colors.js';
import { Highlight } from '../../source/ui/components/Highlight.js';

const saved = chalk.level;
afterEach(() => {
  chalk.level = saved;
  applyColorPreference({});
});

const BOLD = '\u001B[1m';
const UNDERLINE = '\u001B[4m';
const INVERSE = '\u001B[7m';
// Any SGR colour: foreground 30–37, 90–97, 38;…, background 40–47, 100–107, 48;…
const ESC = '\u001B';
const COLOUR = new RegExp(`${ESC}\\[(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]`);

describe('NO_COLOR', () => {
  it('removes colour and keeps bold, underline and inverse: matched letters stay marked', () => {
    chalk.level = 1;
    applyColorPreference({ NO_COLOR: '1' });
    const frame =
      render(
        <>
          <Text color={tint('red')}>plain</Text>
          <Highlight text="payments-prod" ranges={[[9, 12]]} />
          <Text inverse>selected</Text>
        </>,
      ).lastFrame() ?? '';
    expect(frame).not.toMatch(COLOUR);
    expect(frame).toContain(`${BOLD}`);
    expect(frame).toContain(UNDERLINE);
    expect(frame).toContain(INVERSE);
    expect(frame).toContain('prod');
  });

  it('leaves colour on without it, or when FORCE_COLOR overrides it', () => {
    chalk.level = 1;
    applyColorPreference({});
    expect(render(<Text color={tint('red')}>red</Text>).lastFrame()).toContain('\u001B[31m');
    applyColorPreference({ NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(render(<Text color={tint('red')}>red</Text>).lastFrame()).toContain('\u001B[31m');
  });
});
