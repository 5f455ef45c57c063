import { describe, expect, it } from 'vitest';
import { environmentLines } from '../../source/services/shellLines.js';

describe('env lines', () => {
  it('quotes for fish and PowerShell', () => {
    const credentials = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: "it's/a+b\\c",
      sessionToken: 'tok=',
      expiration: new Date(Date.UTC(2030, 0, 1)),
    };
    expect(environmentLines(credentials, 'eu-west-1', 'fish')).toContain(
      "set -gx AWS_SECRET_ACCESS_KEY 'it\\'s/a+b\\\\c';",
    );
    expect(environmentLines(credentials, 'eu-west-1', 'powershell')).toContain(
      "$Env:AWS_SECRET_ACCESS_KEY = 'it''s/a+b\\c'",
    );
    expect(environmentLines(credentials, 'eu-west-1', 'sh')).toContain(
      "export AWS_SECRET_ACCESS_KEY='it'\\''s/a+b\\c'",
    );
    expect(environmentLines(credentials, 'eu-west-1', 'sh')).toContain(
      "export AWS_CREDENTIAL_EXPIRATION='2030-01-01T00:00:00Z'",
    );
  });
});

describe('env region lines', () => {
  it('set AWS_REGION and AWS_DEFAULT_REGION to the region given', () => {
    const credentials = {
      accessKeyId: 'A',
      secretAccessKey: 'S',
      sessionToken: 'T',
      expiration: new Date(0),
    };
    const lines = environmentLines(credentials, 'ap-south-1', 'sh');
    expect(lines.slice(-2)).toEqual([
      "export AWS_REGION='ap-south-1'",
      "export AWS_DEFAULT_REGION='ap-south-1'",
    ]);
  });
});
