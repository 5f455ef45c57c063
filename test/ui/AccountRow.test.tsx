import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountRow } from '../../source/ui/screens/AccountRow.js';

afterEach(cleanup);

const account = {
  accountId: '695999792160',
  accountName: 'fraud-detection-sandbox',
  emailAddress: 'aws+fraud-detection-sandbox@example.com',
};

// ink-testing-library's terminal is 100 columns wide: at that width this email does not fit whole.
const COLUMNS = 100;

describe('an account row', () => {
  it('cuts a long email rather than the id when the row is too long for the terminal', () => {
    const { lastFrame } = render(
      <AccountRow
        hit={{ row: { kind: 'account', account }, score: 0, matches: {} }}
        selected={false}
        favorite={false}
        width={COLUMNS}
      />,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/fraud-detection-sandbox +695999792160 aws\+fraud-detection-sandbox@exam\S*…$/);
    expect(lines[0]!.length).toBeLessThan(COLUMNS);
  });
});
