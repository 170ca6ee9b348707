import { useEffect, useState } from 'react';
import type { TimerState } from '../../../shared/src/contracts/presentation';

/**
 * The timer's seconds left now: the server's `remaining` when the answer arrived (`receivedAt`, the
 * client's clock), counted down since then while it runs. Server time is the truth; the client only ticks.
 */
export function remainingNow(timer: TimerState, receivedAt: number, now: number): number {
  if (!timer.running) return timer.remaining;
  return timer.remaining - Math.floor(Math.max(0, now - receivedAt) / 1000);
}

/** `8:00`, `0:05`, overtime as `+1:12`. */
export function clock(seconds: number): string {
  const s = Math.abs(seconds);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return seconds < 0 ? `+${text}` : text;
}

/** Re-renders every quarter second while `active`, answering the client clock at the last tick. */
export function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const h = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(h);
  }, [active]);
  return now;
}

/** The timer as shown: seconds left now and the text. */
export function useCountdown(timer: TimerState | undefined, receivedAt: number) {
  const now = useTick(!!timer?.running);
  if (!timer) return { seconds: 0, text: '—', overtime: false, running: false };
  const seconds = remainingNow(timer, receivedAt, now);
  return { seconds, text: clock(seconds), overtime: seconds < 0, running: timer.running };
}
