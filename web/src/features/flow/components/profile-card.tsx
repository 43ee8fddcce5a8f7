import { useLingui } from "@lingui/react";
import { type ReactNode, useId } from "react";
import type { Profile } from "#contract/flow-view.ts";
import { Card } from "../../../components/ui/card.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { UsageBar } from "../../../components/ui/usage-bar.tsx";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 border-b border-slate-200 py-2 last:border-b-0">
      <dt className="text-slate-700">{label}</dt>
      <dd className="font-semibold">{children}</dd>
    </div>
  );
}

/**
 * The verified customer as Eko reports them (eko-api.md §12): whatever
 * limits Eko sends are shown, never hard-coded ones; missing values say so.
 */
export function ProfileCard({ profile }: { profile: Profile }) {
  const { i18n } = useLingui();
  const headingId = useId();
  const fullKyc = profile.kyc === "full_kyc";
  const notGiven = (
    <span className="font-normal text-slate-700">{i18n._("profile.not_given")}</span>
  );
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-lg font-bold">
          {profile.name ?? i18n._("profile.name_missing")}
        </h3>
        <StatusBadge tone={fullKyc ? "success" : "warning"}>
          {i18n._(fullKyc ? "profile.kyc.full_kyc" : "profile.kyc.non_kyc")}
        </StatusBadge>
      </div>
      <dl>
        <Row label={i18n._("profile.mobile")}>
          <span className="tabular-nums">{profile.mobileMasked}</span>
        </Row>
        <Row label={i18n._("profile.balance")}>
          {profile.balance === null ? notGiven : <Money amount={profile.balance} />}
        </Row>
        <Row label={i18n._("profile.next_allowed_limit")}>
          {profile.nextAllowedLimit === null ? (
            notGiven
          ) : (
            <Money amount={profile.nextAllowedLimit} />
          )}
        </Row>
        {profile.totalMonthlyLimit === null ? null : (
          <Row label={i18n._("profile.total_monthly_limit")}>
            <Money amount={profile.totalMonthlyLimit} />
          </Row>
        )}
      </dl>
      {profile.usage ? (
        <UsageBar
          label={i18n._("profile.usage_label")}
          used={profile.usage.used}
          remaining={profile.usage.remaining}
          unavailable={profile.usage.unavailable}
        />
      ) : null}
    </Card>
  );
}
