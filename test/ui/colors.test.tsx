import chalk from 'chalk';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { applyColorPreference } from '../../source/ui/colors.js';

const saved = chalk.level;
afterEach(() => {
  chalk.level = saved;
});

describe('NO_COLOR', () => {
  it('draws without escape sequences when NO_COLOR is set', () => {
    chalk.level = 1;
    applyColorPreference({ NO_COLOR: '1' });
    expect(render(<Text color="red">plain</Text>).lastFrame()).toBe('plain');
  });

  it('leaves colour on without it, or when FORCE_COLOR overrides it', () => {
    chalk.level = 1;
    applyColorPreference({});
    expect(render(<Text color="red">red</Text>).lastFrame()).toContain('\u001B[31m');
    applyColorPreference({ NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(render(<Text color="red">red</Text>).lastFrame()).toContain('\u001B[31m');
  });
});
