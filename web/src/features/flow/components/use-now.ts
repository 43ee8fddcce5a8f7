import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs` while the component is shown (countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Whole seconds from `now` until an ISO timestamp; 0 once it has passed. */
export function secondsUntil(iso: string, now: number): number {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) return 0;
  return Math.max(0, Math.ceil((target - now) / 1000));
}
