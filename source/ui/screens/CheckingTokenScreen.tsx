import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import type { ScreenProps } from './screenProps.js';

export function CheckingTokenScreen({ data }: ScreenProps<'checkingToken'>) {
  return (
    <ScreenFrame title="sso-tui" hints={[{ keys: '^C', action: 'quit' }]}>
      <Spinner label={`Checking the sign-in for ${data.session?.startUrl ?? 'the session'}…`} />
    </ScreenFrame>
  );
}
