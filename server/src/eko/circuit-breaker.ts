/**
 * Fails fast while Eko is down instead of making every agent wait for a
 * timeout: `threshold` consecutive transport failures open the circuit for
 * `openMs`; then one trial call is let through (half-open) and its result
 * closes or re-opens the circuit.
 */
export type CircuitBreaker = {
  /** False while open (or while the half-open trial is in flight). */
  tryAcquire(): boolean;
  success(): void;
  failure(): void;
  state(): "closed" | "open" | "half_open";
};

export type CircuitBreakerOptions = { threshold?: number; openMs?: number; now?: () => number };

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.threshold ?? 5;
  const openMs = options.openMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const state = () => {
    if (openedAt === null) return "closed" as const;
    return now() - openedAt >= openMs ? ("half_open" as const) : ("open" as const);
  };

  return {
    state,
    tryAcquire() {
      const current = state();
      if (current === "closed") return true;
      if (current === "open" || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failure() {
      failures += 1;
      if (trialInFlight || failures >= threshold) openedAt = now();
      trialInFlight = false;
    },
  };
}
