import { describe, expect, it } from 'vitest';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { KEYS } from './terminal.js';
import { session, startApp } from './startApp.js';

const lab: SsoSession = {
  name: 'lab',
  startUrl: 'https://lab.awsapps.com/start',
  region: 'us-east-1',
  scopes: [],
};

describe('the session picker', () => {
  it('lists the sessions and signs in to the one chosen', async () => {
    const fake = startApp({}, { sessions: [session, lab] });
    const { terminal } = fake;
    await terminal.waitFor('Choose an SSO session');
    terminal.press('lab');
    await terminal.waitFor('1 / 2');
    terminal.press(KEYS.enter);
    await terminal.waitFor('Accounts · lab');
    expect(fake.calls.sessions).toEqual([lab]);
  });
});

describe('the setup form', () => {
  it('reads a bare start URL, offers the regions that match, proposes a name, and saves them', async () => {
    const fake = startApp({}, { sessions: [] });
    const { terminal } = fake;
    await terminal.waitFor('Set up an SSO session');
    terminal.press('http://corp', KEYS.enter);
    await terminal.waitFor('Type the start URL');
    terminal.press(KEYS.ctrlU);
    await terminal.waitForGone('Type the start URL');
    terminal.press('corp', KEYS.enter);
    await terminal.waitFor(/us-east-1 +US East \(N. Virginia\) +aws/);
    terminal.press('us-est-1');
    await terminal.waitFor('no Identity Center region matches');
    terminal.press(KEYS.enter);
    await terminal.waitFor("No Identity Center region matches 'us-est-1'");
    terminal.press(KEYS.ctrlU, 'ireland');
    await terminal.waitFor(/eu-west-1 +Europe \(Ireland\) +aws/);
    terminal.press(KEYS.enter);
    await terminal.waitFor(/Session name: corp/);
    terminal.press(KEYS.enter);
    await terminal.waitFor('2 / 2');
    expect(fake.calls.saved).toEqual([
      { startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', sessionName: 'corp' },
    ]);
  });
});
