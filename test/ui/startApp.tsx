import { App, type AppProps } from '../../source/ui/App.js';
import type { AccountLists } from '../../source/flow/appServices.js';
import type { Account } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { clock, createFakeServices, NOW, type FakeBackend } from './fakeServices.js';
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
export const audit = account('333333333333', 'audit');
/** Every test organization's roles: prod's two, dev's one, audit's one. */
export const ROLES: ReadonlyMap<string, string[]> = new Map([
  [prod.accountId, ['AdministratorAccess', 'ReadOnlyAccess']],
  [dev.accountId, ['DeveloperAccess']],
  [audit.accountId, ['SecurityAudit']],
]);
export const signedIn = { expiresAt: new Date(NOW.getTime() + 8 * 3600 * 1000) };

/**
 * The App over fake services with two accounts (prod and dev; pass `accounts` for more), signed in unless
 * the backend says otherwise. `warmLists`: start warm on these cached lists, as a start with a fresh token does.
 */
export function startApp(
  backend: Partial<FakeBackend> = {},
  props: Partial<Omit<AppProps, 'services' | 'effects'>> = {},
  warmLists?: AccountLists,
) {
  const fake = createFakeServices({
    accounts: [prod, dev],
    roles: new Map(ROLES),
    signIn: signedIn,
    ...backend,
  });
  const warm = warmLists && {
    sessionServices: fake.services.forSession(session),
    signIn: signedIn,
    lists: warmLists,
  };
  // The warm start's session services were made above, not by the flow: the calls start from here.
  fake.calls.sessions.length = 0;
  const terminal = renderTerminal(
    <App
      services={fake.services}
      effects={effectRunner(fake.services, clock)}
      sessions={[session]}
      clock={clock}
      {...(warm ? { warm } : {})}
      {...props}
    />,
  );
  return { ...fake, terminal };
}
