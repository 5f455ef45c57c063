import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { helpKeys } from '../keyTable.js';
import type { ScreenProps } from './screenProps.js';

/** Only help and Ctrl-C while the token is checked. */
export const CHECKING_KEYS = helpKeys<undefined>();

export function CheckingTokenScreen({ data }: ScreenProps<'checkingToken'>) {
  useScreenKeys(CHECKING_KEYS, undefined, () => undefined);
  return (
    <ScreenFrame title="sso-tui" keys={CHECKING_KEYS} keyState={undefined}>
      <Spinner label={`Checking the sign-in for ${data.session?.startUrl ?? 'the session'}…`} />
    </ScreenFrame>
  );
}
