import { useLingui } from "@lingui/react";
import { formatMoney } from "../../lib/format.ts";
import { currentLanguage } from "../../lib/i18n.ts";

/** Rupees in the agent's language: ₹12,450.50 (en-IN) / ₹12,450.50 (hi-IN). */
export function Money({ amount, className }: { amount: number; className?: string }) {
  const { i18n } = useLingui();
  return (
    <span className={`tabular-nums ${className ?? ""}`}>
      {formatMoney(amount, currentLanguage(i18n))}
    </span>
  );
}
