import { useLingui } from "@lingui/react";
import { formatMoney } from "../../lib/format.ts";
import { currentLanguage } from "../../lib/i18n.ts";

type UsageBarProps = {
  used: number;
  remaining: number;
  unavailable: number;
  label: string;
};

/**
 * Monthly limit use as a bar plus the same numbers in words. Eko's chart data
 * (eko-api.md §12.4): used + remaining (+ unavailable) = the monthly limit.
 */
export function UsageBar({ used, remaining, unavailable, label }: UsageBarProps) {
  const { i18n } = useLingui();
  const language = currentLanguage(i18n);
  const total = Math.max(0, used) + Math.max(0, remaining) + Math.max(0, unavailable);
  const percent = (value: number) => (total > 0 ? (Math.max(0, value) / total) * 100 : 0);
  const money = (value: number) => formatMoney(value, language);
  const valueText = i18n._("usage.value_text", {
    used: money(used),
    remaining: money(remaining),
    total: money(total),
  });
  return (
    <div className="flex flex-col gap-2">
      {/* The native meter is what assistive tech reads; the three-part bar is its picture. */}
      <meter
        className="sr-only"
        aria-label={label}
        aria-valuetext={valueText}
        min={0}
        max={total}
        value={Math.max(0, used)}
      />
      <div
        aria-hidden="true"
        className="flex h-4 w-full overflow-hidden rounded-full border border-slate-500 bg-green-100"
      >
        <div className="h-full bg-brand-700" style={{ width: `${percent(used)}%` }} />
        <div className="h-full bg-green-100" style={{ width: `${percent(remaining)}%` }} />
        <div className="h-full bg-slate-400" style={{ width: `${percent(unavailable)}%` }} />
      </div>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
        <div className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-3 shrink-0 rounded-sm bg-brand-700"
          />
          <dt>{i18n._("usage.used")}</dt>
          <dd className="font-semibold tabular-nums">{money(used)}</dd>
        </div>
        <div className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-3 shrink-0 rounded-sm border border-slate-500 bg-green-100"
          />
          <dt>{i18n._("usage.remaining")}</dt>
          <dd className="font-semibold tabular-nums">{money(remaining)}</dd>
        </div>
        {unavailable > 0 ? (
          <div className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-3 shrink-0 rounded-sm bg-slate-400"
            />
            <dt>{i18n._("usage.unavailable")}</dt>
            <dd className="font-semibold tabular-nums">{money(unavailable)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
