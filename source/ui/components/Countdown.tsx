import { Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Clock } from '../../services/ssoSession.js';
import { tint } from '../colors.js';

/** `1h 05m`, `58m 12s`, `9s`; `expired` once the time has passed. */
export function formatTimeLeft(milliseconds: number): string {
  if (milliseconds <= 0) return 'expired';
  const seconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

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
