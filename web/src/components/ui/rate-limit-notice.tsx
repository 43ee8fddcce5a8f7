import { useLingui } from "@lingui/react";
import { useEffect, useState } from "react";
import type { LimitScope } from "#contract/errors.ts";
import { formatCountdown } from "../../lib/format.ts";

const scopeMessages: Record<LimitScope, { id: string }> = {
  customer_mobile: { id: "limit.scope.customer_mobile" },
  agent: { id: "limit.scope.agent" },
  login: { id: "limit.scope.login" },
  address: { id: "limit.scope.address" },
};

/** Seconds left until `deadline` (ms epoch), ticking once a second. */
function useSecondsLeft(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

type RateLimitNoticeProps = {
  retryAfterSeconds: number;
  scope: LimitScope | undefined;
  /** Told once the wait is over, so the caller can offer "Try again" again. */
  onWaitOver?: () => void;
};

/**
 * A 429 while its wait applies: a live countdown and what the limit is about
 * (this customer's number, this agent, this login) — and no "Try again"
 * next to it, which could only fail again (issue #15 §4).
 */
export function RateLimitNotice({ retryAfterSeconds, scope, onWaitOver }: RateLimitNoticeProps) {
  const { i18n } = useLingui();
  const [deadline] = useState(() => Date.now() + retryAfterSeconds * 1000);
  const left = useSecondsLeft(deadline);
  useEffect(() => {
    if (left === 0) onWaitOver?.();
  }, [left, onWaitOver]);
  return (
    <>
      <p>
        {left > 0
          ? i18n._("limit.wait_countdown", { time: formatCountdown(left) })
          : i18n._("limit.wait_over")}
      </p>
      {scope ? <p className="mt-1">{i18n._(scopeMessages[scope])}</p> : null}
    </>
  );
}
