import { PassThrough } from 'node:stream';
import { enterAlternateScreen } from '../../source/ui/alternateScreen.js';
import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTimeLeft } from '../../source/ui/components/Countdown.js';
import { FullScreen } from '../../source/ui/components/FullScreen.js';
import { Highlight } from '../../source/ui/components/Highlight.js';
import { KeyBar } from '../../source/ui/components/KeyBar.js';
import { ScreenFrame } from '../../source/ui/components/ScreenFrame.js';
import { AccountRow } from '../../source/ui/screens/AccountRow.js';
import { maskSecret, shortenToken } from '../../source/ui/screens/CredentialsScreen.js';

afterEach(cleanup);

describe('formatTimeLeft', () => {
  it('shows hours and minutes, minutes and seconds, or seconds', () => {
    expect(formatTimeLeft((58 * 60 + 12) * 1000)).toBe('58m 12s');
    expect(formatTimeLeft((3600 + 5 * 60 + 59) * 1000)).toBe('1h 05m');
    expect(formatTimeLeft(9_400)).toBe('9s');
    expect(formatTimeLeft(0)).toBe('expired');
  });
});

describe('secrets on screen', () => {
  it('keeps only the last characters of a secret and both ends of a token', () => {
    expect(maskSecret('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY')).toBe('••••••••EKEY');
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJIMEYCIQD==';
    expect(shortenToken(token)).toBe(`IQoJb3JpZ2lu…CIQD== (${token.length} characters)`);
    expect(shortenToken(token)).not.toContain('wEaCXVz');
  });
});

describe('alternate screen', () => {
  it('is entered at once and left once, even if asked twice', () => {
    const written: string[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const leave = enterAlternateScreen(stdout);
    expect(written).toEqual(['\u001B[?1049h']);
    leave();
    leave();
    expect(written).toEqual(['\u001B[?1049h', '\u001B[?1049l\u001B[?25h']);
  });
});

describe('FullScreen', () => {
  it('renders its children', () => {
    const { lastFrame } = render(
      <FullScreen>
        <Text>inside</Text>
      </FullScreen>,
    );
    expect(lastFrame()).toContain('inside');
  });
});

describe('Highlight and KeyBar', () => {
  it('renders the highlighted text whole, and every key hint', () => {
    const { lastFrame } = render(
      <>
        <Highlight text="payments-prod" ranges={[[9, 12]]} />
        <KeyBar
          hints={[
            { keys: 'Enter', action: 'open' },
            { keys: 'Esc', action: 'back' },
          ]}
        />
      </>,
    );
    expect(lastFrame()).toContain('payments-prod');
    expect(lastFrame()).toContain('Enter open');
    expect(lastFrame()).toContain('Esc back');
  });
});

describe('AccountRow at 60 columns', () => {
  it('keeps the name and the id on one line and drops the email', () => {
    const account = {
      accountId: '111111111111',
      accountName: 'customer-portal-preprod-02',
      emailAddress: 'a@b.c',
    };
    const { lastFrame } = render(
      <Box width={60}>
        <AccountRow
          hit={{ row: { kind: 'role', account, roleName: 'AdministratorAccess' }, score: 0, matches: {} }}
          selected
          favorite
          width={60}
        />
      </Box>,
    );
    const [line, ...rest] = (lastFrame() ?? '').split('\n');
    expect(line).toMatch(/^› ★ customer-portal-preprod-02 \/ Admin.*111111111111$/);
    expect(line!.length).toBeLessThanOrEqual(60);
    expect(rest.join('')).toBe('');
    expect(lastFrame()).not.toContain('a@b.c');
  });
});

describe('ScreenFrame on a terminal too short for its body', () => {
  it('cuts the body at its bottom, keeping every row whole and the title and key bar in full', () => {
    const rows = Array.from({ length: 12 }, (_, index) => `row ${index}`);
    const { lastFrame } = render(
      <Box width={40} height={12} flexDirection="column">
        <ScreenFrame
          title="Credentials"
          hints={[
            { keys: 's', action: 'show secret' },
            { keys: 'e', action: 'export' },
            { keys: 'c', action: 'copy export lines' },
            { keys: 'o', action: 'console' },
            { keys: 'r', action: 'refresh' },
            { keys: 'Esc', action: 'back' },
            { keys: 'q', action: 'quit' },
          ]}
        >
          {rows.map((row) => (
            <Text key={row}>{row}</Text>
          ))}
        </ScreenFrame>
      </Box>,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines[0]).toBe('Credentials');
    // The key bar takes three lines at 40 columns; the body gets the eight between, in order.
    const shown = lines.slice(1, 9);
    expect(shown.map((line) => line.trim())).toEqual(rows.slice(0, 8));
    expect(lines.slice(9).join(' ')).toMatch(/s show secret.*q quit/);
  });
});
