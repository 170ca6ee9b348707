import { Typography } from 'antd';
import type { TimerState } from '../../../../shared/src/contracts/presentation';
import { useCountdown } from '../../lib/presentation';

/** The session's timer, ticking on the client from the server's last answer; red in the last minute and overtime. */
export function TimerDisplay({
  timer,
  receivedAt,
  size = 48,
  color,
}: {
  timer: TimerState | undefined;
  receivedAt: number;
  size?: number;
  /** The text colour outside the last minute (the room screen is dark). */
  color?: string;
}) {
  const c = useCountdown(timer, receivedAt);
  const warn = c.overtime || (c.running && c.seconds <= 60);
  return (
    <Typography.Text
      data-testid="session-timer"
      style={{
        fontSize: size,
        lineHeight: 1,
        fontWeight: 700,
        fontVariantNumeric: 'tabular-nums',
        whiteSpace: 'nowrap',
        flex: 'none',
        color: warn ? '#ff4d4f' : color,
      }}
    >
      {c.text}
    </Typography.Text>
  );
}
