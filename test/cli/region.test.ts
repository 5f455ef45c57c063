import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../source/services/stateStore.js';
import { REGION, startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 3 });
  await stage.writeAwsCliToken();
});
afterAll(async () => {
  await stage.close();
});

const account = () => stage.simulator.organization.accounts[0]!;

/** The AWS_REGION and AWS_DEFAULT_REGION that `env` prints, with the given extra flags and environment. */
async function envRegions(
  flags: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<string[]> {
  const result = await stage.run(
    ['env', '--account', account().accountId, '--role', account().roles[0]!, '--shell', 'bash', ...flags],
    extraEnv,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return ['AWS_REGION', 'AWS_DEFAULT_REGION'].map(
    (name) => new RegExp(`^export ${name}='([^']*)'$`, 'm').exec(result.stdout)?.[1] ?? '',
  );
}

describe('the region of the credentials, one rule', () => {
  it('is the Identity Center region when nothing else says', async () => {
    expect(await envRegions([])).toEqual([REGION, REGION]);
  });

  it('is AWS_DEFAULT_REGION, then AWS_REGION over it, then --aws-region over both', async () => {
    expect(await envRegions([], { AWS_DEFAULT_REGION: 'us-east-2' })).toEqual(['us-east-2', 'us-east-2']);
    expect(await envRegions([], { AWS_DEFAULT_REGION: 'us-east-2', AWS_REGION: 'ap-south-1' })).toEqual([
      'ap-south-1',
      'ap-south-1',
    ]);
    expect(await envRegions(['--aws-region', 'sa-east-1'], { AWS_REGION: 'ap-south-1' })).toEqual([
      'sa-east-1',
      'sa-east-1',
    ]);
  });

  it('is the region remembered for the account, after the environment', async () => {
    new StateStore({ folder: join(stage.home, '.config', 'sso-tui') }).rememberAccountRegion(
      account().accountId,
      'ca-central-1',
    );
    expect(await envRegions([])).toEqual(['ca-central-1', 'ca-central-1']);
    expect(await envRegions([], { AWS_REGION: 'ap-south-1' })).toEqual(['ap-south-1', 'ap-south-1']);
  });

  it('moves the console with --aws-region', async () => {
    const result = await stage.run(
      [
        'console',
        '--print',
        '--account',
        account().accountId,
        '--role',
        account().roles[0]!,
        '--aws-region',
        'eu-central-1',
      ],
      { AWS_ENDPOINT_URL_SIGNIN: `${stage.simulator.url}/federation` },
    );
    expect(result.code).toBe(0);
    expect(decodeURIComponent(result.stdout)).toContain('https://eu-central-1.console.aws.amazon.com/');
  });
});
