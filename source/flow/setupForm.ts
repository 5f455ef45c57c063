import { validateSsoSessionName } from '../services/awsFiles/awsConfigFile.js';
import { UserError } from '../services/errors.js';
import { matchingRegions, type IdentityCenterRegion } from '../services/regions.js';
import { normalizeStartUrl, sessionNameForStartUrl } from '../services/startUrl.js';
import type { SsoSession } from '../services/ssoSession.js';
import type { SetupField, SetupScreen } from './state.js';

export const SETUP_FIELDS: readonly SetupField[] = ['startUrl', 'region', 'sessionName'];

/** The form as it opens: empty on a first run, or filled with a session to correct. */
export function setupScreen(session?: SsoSession): SetupScreen {
  return {
    kind: 'setup',
    startUrl: session?.startUrl ?? '',
    regionQuery: session?.region ?? '',
    regionCursor: 0,
    sessionName: session?.name ?? '',
    field: 'startUrl',
    verifying: false,
  };
}

/** The regions the region field's text matches, in the order shown. */
export function setupRegions(screen: SetupScreen): IdentityCenterRegion[] {
  return matchingRegions(screen.regionQuery);
}

/** The highlighted region, if the text matches any. */
export function chosenRegion(screen: SetupScreen): IdentityCenterRegion | undefined {
  const regions = setupRegions(screen);
  return regions[Math.min(screen.regionCursor, regions.length - 1)];
}

/** The session name saved: the one typed, else the one proposed from the start URL. */
export function proposedSessionName(screen: SetupScreen): string | undefined {
  const startUrl = normalizeStartUrl(screen.startUrl);
  return startUrl === undefined ? undefined : sessionNameForStartUrl(startUrl);
}

export interface SetupChoice {
  readonly startUrl: string;
  readonly region: string;
  readonly sessionName: string;
}

/** What is wrong with one field, as a sentence saying what to type; undefined if it is fine. */
export function setupProblem(screen: SetupScreen, field: SetupField): string | undefined {
  switch (field) {
    case 'startUrl':
      return normalizeStartUrl(screen.startUrl) === undefined
        ? 'Type the start URL (like my-company, or https://my-company.awsapps.com/start).'
        : undefined;
    case 'region':
      return chosenRegion(screen)
        ? undefined
        : `No Identity Center region matches '${screen.regionQuery.trim()}'; type part of a name like eu-west or Ireland.`;
    case 'sessionName': {
      const name = screen.sessionName.trim() || proposedSessionName(screen) || '';
      try {
        validateSsoSessionName(name);
        return undefined;
      } catch (error) {
        return error instanceof UserError ? `${error.message} ${error.hint ?? ''}`.trim() : String(error);
      }
    }
  }
}

/** The form's values, checked: the first field with a problem, or what to verify and save. */
export function setupChoice(
  screen: SetupScreen,
): { readonly choice: SetupChoice } | { readonly field: SetupField; readonly problem: string } {
  for (const field of SETUP_FIELDS) {
    const problem = setupProblem(screen, field);
    if (problem) return { field, problem };
  }
  return {
    choice: {
      startUrl: normalizeStartUrl(screen.startUrl)!,
      region: chosenRegion(screen)!.name,
      sessionName: screen.sessionName.trim() || proposedSessionName(screen)!,
    },
  };
}
