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
import { ScreenSizeContext } from '../../source/ui/hooks/useTerminalSize.js';
import type { KeyHint } from '../../source/ui/keyTable.js';
import { AccountRow, accountColumns } from '../../source/ui/screens/AccountRow.js';
import { CREDENTIAL_KEYS, maskSecret, shortenToken } from '../../source/ui/screens/CredentialsScreen.js';

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

const hint = (keys: string, action: string): KeyHint => ({
  name: keys,
  keys,
  action,
  when: '',
  active: true,
});

describe('Highlight and KeyBar', () => {
  it('renders the highlighted text whole, and every key hint that fits', () => {
    const { lastFrame } = render(
      <>
        <Highlight text="payments-prod" ranges={[[9, 12]]} />
        <KeyBar hints={[hint('Enter', 'open'), hint('Esc', 'back')]} help={hint('?', 'help')} width={80} />
      </>,
    );
    expect(lastFrame()).toContain('payments-prod');
    expect(lastFrame()).toContain('Enter open  Esc back  ? help');
  });

  it('keeps to one line on a narrow terminal: the keys that do not fit go, the help key stays last', () => {
    const hints = [
      hint('Enter', 'open'),
      hint('^F', 'star / unstar'),
      hint('^R', 'refresh'),
      hint('Esc', 'quit'),
    ];
    const { lastFrame } = render(<KeyBar hints={hints} help={hint('?', 'help')} width={30} />);
    expect(lastFrame()).toBe('Enter open  ? help');
  });
});

describe('account columns', () => {
  it('give the name its room before the id, and show the email only on a wide terminal', () => {
    expect(accountColumns(40)).toMatchObject({ showId: false, showEmail: false, nameWidth: 35 });
    expect(accountColumns(60)).toMatchObject({ showId: true, showEmail: false, nameWidth: 42 });
    expect(accountColumns(89)).toMatchObject({ showId: true, showEmail: false });
    expect(accountColumns(120)).toMatchObject({ showId: true, showEmail: true });
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
      <ScreenSizeContext.Provider value={{ columns: 40, rows: 12 }}>
        <Box width={40} height={12} flexDirection="column">
          <ScreenFrame
            title="Credentials"
            keys={CREDENTIAL_KEYS}
            keyState={{ fetched: true, secretShown: false, editingRegion: false, regionTyped: false }}
          >
            {rows.map((row) => (
              <Text key={row}>{row}</Text>
            ))}
          </ScreenFrame>
        </Box>
      </ScreenSizeContext.Provider>,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('Credentials');
    // The footer is one line at any width; the body gets the ten between, in order.
    expect(lines.slice(1, 11).map((line) => line.trim())).toEqual(rows.slice(0, 10));
    expect(lines[11]).toBe('s show secret  e export  ? help');
  });
});
