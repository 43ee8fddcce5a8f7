import type { I18n } from "@lingui/core";
import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "wouter";
import { mobilePattern, normaliseMobile } from "#contract/mobile.ts";
import type { OpenFlow } from "#contract/open-flows.ts";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { MobileInput } from "../../../components/ui/mobile-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { formatCountdown } from "../../../lib/format.ts";
import { getOpenFlowsQueryOptions } from "../api/get-open-flows.ts";
import { railNames } from "./rail-names.ts";
import { secondsUntil, useNow } from "./use-now.ts";

const stepLabels: Record<OpenFlow["step"], { id: string }> = {
  onboard: { id: "open_flows.step.onboard" },
  otp: { id: "open_flows.step.otp" },
  locked: { id: "open_flows.step.locked" },
  aadhaar: { id: "open_flows.step.aadhaar" },
  consent: { id: "open_flows.step.consent" },
  pan: { id: "open_flows.step.pan" },
  status_unknown: { id: "open_flows.step.status_unknown" },
  wallet_renew: { id: "open_flows.step.wallet_renew" },
};

function startedAgo(i18n: I18n, startedAt: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(startedAt)) / 60_000);
  return minutes < 1
    ? i18n._("open_flows.started_just_now")
    : i18n._("open_flows.started_ago", { minutes });
}

function OpenFlowItem({ flow, now }: { flow: OpenFlow; now: number }) {
  const { i18n } = useLingui();
  const otpLeft = flow.otpExpiresAt ? secondsUntil(flow.otpExpiresAt, now) : null;
  const titleId = useId();
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-lg border-2 border-slate-300 p-3">
      <div className="flex min-w-0 flex-col">
        <p id={titleId} className="font-semibold tabular-nums">
          {flow.customerName ? `${flow.customerName} · ${flow.mobileMasked}` : flow.mobileMasked}
        </p>
        <p className="text-sm text-slate-700">
          {i18n._(railNames[flow.rail])} · {i18n._(stepLabels[flow.step])}
        </p>
        <p className="text-sm text-slate-700">
          {startedAgo(i18n, flow.startedAt, now)}
          {otpLeft === null
            ? null
            : ` · ${
                otpLeft > 0
                  ? i18n._("open_flows.otp_left", { time: formatCountdown(otpLeft) })
                  : i18n._("open_flows.otp_expired")
              }`}
        </p>
      </div>
      <Link
        href={`/flow/${flow.id}`}
        aria-describedby={titleId}
        className="inline-flex min-h-11 items-center rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {i18n._("open_flows.resume")}
      </Link>
    </li>
  );
}

/**
 * The start page's "customers in progress" (issue #15 §2): the agent's own
 * unfinished flows, each resumed in one click, and a search by the
 * customer's full number for when the list is long.
 */
export function OpenFlowsList() {
  const { i18n } = useLingui();
  const [typed, setTyped] = useState("");
  const [searched, setSearched] = useState<string | undefined>();
  const [invalid, setInvalid] = useState(false);
  const open = useQuery(getOpenFlowsQueryOptions(searched));
  const now = useNow(15_000);
  const headingId = useId();

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const mobile = normaliseMobile(typed);
    if (mobile === "") {
      setInvalid(false);
      setSearched(undefined);
      return;
    }
    setInvalid(!mobilePattern.test(mobile));
    if (mobilePattern.test(mobile)) setSearched(mobile);
  }

  const flows = open.data?.flows ?? [];
  if (!open.error && flows.length === 0 && searched === undefined) return null;

  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-bold">
        {i18n._("open_flows.title")}
      </h2>
      <p className="text-sm text-slate-700">
        {i18n._("open_flows.intro", { minutes: open.data?.maxAgeMinutes ?? 0 })}
      </p>
      {open.error ? <ApiErrorAlert error={open.error} onRetry={() => void open.refetch()} /> : null}
      {flows.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {flows.map((flow) => (
            <OpenFlowItem key={flow.id} flow={flow} now={now} />
          ))}
        </ul>
      ) : open.isSuccess ? (
        <p role="status">{i18n._("open_flows.none_for_number")}</p>
      ) : null}
      <form noValidate onSubmit={search} className="flex flex-wrap items-end gap-3">
        <MobileInput
          label={i18n._("open_flows.search_label")}
          hint={i18n._("open_flows.search_hint")}
          refusedMessage={i18n._("start.mobile_letters_refused")}
          value={typed}
          onValueChange={(value) => {
            setTyped(value);
            setInvalid(false);
          }}
          error={invalid ? fieldErrorMessage(i18n, "mobile_invalid") : undefined}
          className="max-w-56"
        />
        <Button type="submit" variant="secondary">
          {i18n._("open_flows.search")}
        </Button>
        {searched !== undefined ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setTyped("");
              setSearched(undefined);
            }}
          >
            {i18n._("open_flows.show_all")}
          </Button>
        ) : null}
      </form>
    </Card>
  );
}
