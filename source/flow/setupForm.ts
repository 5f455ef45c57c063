/** The setup form's fields: where Identity Center starts and in which region it lives. */
export interface SetupFields {
  readonly startUrl: string;
  readonly region: string;
}

/** What is wrong with one field of the setup form, as a sentence saying what to type; undefined if fine. */
export function setupProblem(fields: SetupFields, field: keyof SetupFields): string | undefined {
  if (field === 'startUrl') {
    const url = parseUrl(fields.startUrl.trim());
    if (!url) return 'Type the start URL, like https://my-company.awsapps.com/start.';
    // Plain http only for a simulator on this machine; a real portal is always https.
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      return 'The start URL must begin with https://.';
    }
    return undefined;
  }
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(fields.region.trim())
    ? undefined
    : 'Type the Identity Center region, like us-east-1.';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
