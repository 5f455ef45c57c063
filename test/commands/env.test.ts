import { describe, expect, it } from 'vitest';
import { environmentLines } from '../../source/commands/env.js';

describe('env lines', () => {
  it('quotes for fish and PowerShell', () => {
    const credentials = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: "it's/a+b\\c",
      sessionToken: 'tok=',
      expiration: new Date(Date.UTC(2030, 0, 1)),
    };
    expect(environmentLines(credentials, 'fish')).toContain(
      "set -gx AWS_SECRET_ACCESS_KEY 'it\\'s/a+b\\\\c';",
    );
    expect(environmentLines(credentials, 'powershell')).toContain(
      "$Env:AWS_SECRET_ACCESS_KEY = 'it''s/a+b\\c'",
    );
    expect(environmentLines(credentials, 'sh')).toContain("export AWS_SECRET_ACCESS_KEY='it'\\''s/a+b\\c'");
    expect(environmentLines(credentials, 'sh')).toContain(
      "export AWS_CREDENTIAL_EXPIRATION='2030-01-01T00:00:00Z'",
    );
  });
});
