import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint rules that keep the tests on what users run', () => {
  it('reject a dynamic import() of a package in source/, and of anything not a literal', async () => {
    expect(
      await ruleIds(
        "export const load = () => import('@aws-sdk/client-sso-oidc');\n",
        'source/services/x.ts',
      ),
    ).toEqual(['no-restricted-syntax']);
    expect(
      await ruleIds('export const load = (name: string) => import(name);\n', 'source/services/x.ts'),
    ).toEqual(['no-restricted-syntax']);
  });

  it('allow a dynamic import() of our own modules and of Node built-ins', async () => {
    expect(
      await ruleIds(
        "export const a = () => import('./app/fullScreen.js');\nexport const b = () => import('node:fs');\n",
        'source/x.ts',
      ),
    ).toEqual([]);
  });

  it('reject test/cli importing the source entry point', async () => {
    expect(
      await ruleIds("import { run } from '../../source/main.js';\nexport { run };\n", 'test/cli/x.test.ts'),
    ).toEqual(['no-restricted-imports']);
  });
});
