import { Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Clock } from '../../services/ssoSession.js';
import { formatTimeLeft } from '../../services/progress.js';
import { tint } from '../colors.js';

export { formatTimeLeft };

/** Time left until `until`, redrawn every second; yellow in the last five minutes, red once expired. */
export function Countdown({ until, clock }: { readonly until: Date; readonly clock: Clock }) {
  const [now, setNow] = useState(() => clock().getTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock().getTime()), 1000);
    return () => clearInterval(timer);
  }, [clock]);
  const left = until.getTime() - now;
  const color = left <= 0 ? tint('red') : left < 5 * 60 * 1000 ? tint('yellow') : undefined;
  return <Text color={color}>{formatTimeLeft(left)}</Text>;
}
