import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/ui/App.js';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { clock, createFakeServices } from './fakeServices.js';
import { KEYS, renderTerminal } from './terminal.js';
import { dev, prod, session, signedIn } from './startApp.js';

afterEach(cleanup);

const lab: SsoSession = {
  name: 'lab',
  startUrl: 'https://lab.awsapps.com/start',
  region: 'us-east-1',
  scopes: [],
};

describe('the session picker', () => {
  it('lists the sessions and signs in to the one chosen', async () => {
    const fake = createFakeServices({ accounts: [prod, dev], signIn: signedIn });
    const terminal = renderTerminal(<App services={fake.services} sessions={[session, lab]} clock={clock} />);
    await terminal.waitFor('Choose an SSO session');
    terminal.press('lab');
    await terminal.waitFor('1 / 2');
    terminal.press(KEYS.enter);
    await terminal.waitFor('Accounts · lab');
    expect(fake.calls.sessions).toEqual([lab]);
  });
});

describe('the setup form', () => {
  it('asks for a start URL and a region, says what is wrong, and saves them', async () => {
    const fake = createFakeServices({ accounts: [prod, dev], signIn: signedIn });
    const terminal = renderTerminal(<App services={fake.services} sessions={[]} clock={clock} />);
    await terminal.waitFor('No SSO session is configured');
    terminal.press('corp', KEYS.enter);
    await terminal.waitFor('Type the start URL');
    terminal.press(KEYS.ctrlU);
    await terminal.waitForGone('Type the start URL');
    terminal.press('https://corp.awsapps.com/start', KEYS.enter);
    await terminal.waitFor(/Region: +\S* /);
    terminal.press('eu-west-1', KEYS.enter);
    await terminal.waitFor('2 / 2');
    expect(fake.calls.saved).toEqual([{ startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1' }]);
  });
});
