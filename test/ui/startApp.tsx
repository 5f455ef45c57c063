import { App, type AppProps } from '../../source/ui/App.js';
import type { Account } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { clock, createFakeServices, NOW, type FakeWorld } from './fakeServices.js';
import { renderTerminal } from './terminal.js';
import { effectRunner } from '../../source/app/effects/effectRunner.js';

export const session: SsoSession = {
  name: 'corp',
  startUrl: 'https://corp.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};

export const account = (accountId: string, accountName: string): Account => ({
  accountId,
  accountName,
  emailAddress: `aws+${accountName}@example.com`,
});

export const prod = account('111111111111', 'payments-prod');
export const dev = account('222222222222', 'payments-dev');
export const signedIn = { expiresAt: new Date(NOW.getTime() + 8 * 3600 * 1000) };

/** The App over fake services with two accounts, signed in unless the world says otherwise. */
export function startApp(world: Partial<FakeWorld> = {}, props: Partial<Omit<AppProps, 'services'>> = {}) {
  const fake = createFakeServices({
    accounts: [prod, dev],
    roles: new Map([
      [prod.accountId, ['AdministratorAccess', 'ReadOnlyAccess']],
      [dev.accountId, ['DeveloperAccess']],
    ]),
    signIn: signedIn,
    ...world,
  });
  const terminal = renderTerminal(
    <App
      services={fake.services}
      effects={effectRunner(fake.services, clock)}
      sessions={[session]}
      clock={clock}
      {...props}
    />,
  );
  return { ...fake, terminal };
}
