import { useLingui } from "@lingui/react";
import { useId } from "react";
import type { Identity } from "#contract/flow-view.ts";
import { Card } from "../../../components/ui/card.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";

const genders = {
  male: { id: "identity.gender.male" },
  female: { id: "identity.gender.female" },
  transgender: { id: "identity.gender.transgender" },
} as const;

/** The identity UIDAI confirmed (Levin C.6): only the masked Aadhaar ever reaches the browser. */
export function IdentityCard({ identity }: { identity: Identity }) {
  const { i18n } = useLingui();
  const headingId = useId();
  const notGiven = i18n._("profile.not_given");
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-lg font-bold">
          {i18n._("identity.title")}
        </h3>
        <StatusBadge tone="success">{i18n._("identity.verified")}</StatusBadge>
      </div>
      <dl className="grid grid-cols-1 gap-2 min-[420px]:grid-cols-[auto_1fr] min-[420px]:gap-x-6">
        <dt className="text-slate-700">{i18n._("identity.name")}</dt>
        <dd className="font-semibold">{identity.name}</dd>
        <dt className="text-slate-700">{i18n._("identity.gender")}</dt>
        <dd className="font-semibold">
          {identity.gender ? i18n._(genders[identity.gender]) : notGiven}
        </dd>
        <dt className="text-slate-700">{i18n._("identity.dob")}</dt>
        {/* As Eko sends it (DD-MM-YYYY in samples), not re-parsed: see flow-view.ts. */}
        <dd className="font-semibold tabular-nums">{identity.dob ?? notGiven}</dd>
        <dt className="text-slate-700">{i18n._("identity.aadhaar")}</dt>
        <dd className="font-semibold tabular-nums">{identity.aadhaarMasked}</dd>
      </dl>
    </Card>
  );
}
