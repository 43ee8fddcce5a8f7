import { useLingui } from "@lingui/react";
import { Link } from "wouter";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { railNames } from "../../flow/components/rail-names.ts";
import type { ActivityEvent } from "../api/get-activity.ts";
import { actionLabels, outcomeLabels } from "./activity-labels.ts";

const goodOutcomes = new Set([
  "success",
  "profile",
  "identity",
  "registration_complete",
  "otp_sent",
]);
const badOutcomes = new Set([
  "failure",
  "otp_locked",
  "aadhaar_rejected",
  "pan_rejected",
  "rejected",
  "unknown_state",
  "status_unknown",
]);

function outcomeTone(outcome: string) {
  if (goodOutcomes.has(outcome)) return "success";
  if (badOutcomes.has(outcome) || outcome.startsWith("upstream_")) return "danger";
  return "neutral";
}

/**
 * A list, not a table: it reads top to bottom at 360 px without sideways
 * scrolling. Outcomes are words; Eko's response code, the technical detail
 * and the request id sit on a small details line for support calls.
 */
export function ActivityList({
  events,
  showAgent,
}: {
  events: ActivityEvent[];
  showAgent: boolean;
}) {
  const { i18n } = useLingui();
  const language = currentLanguage(i18n);
  const label = (labels: Record<string, { id: string }>, code: string) => {
    const descriptor = labels[code];
    return descriptor ? i18n._(descriptor) : code;
  };
  return (
    <ol className="flex flex-col gap-2">
      {events.map((event) => {
        const details = [
          event.ekoResponseTypeId !== null
            ? i18n._("activity.details.code", { code: event.ekoResponseTypeId })
            : null,
          event.detail,
          event.requestId,
        ].filter(Boolean);
        return (
          <li
            key={event.id}
            className="flex flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-semibold">{label(actionLabels, event.action)}</span>
              <StatusBadge tone={outcomeTone(event.outcome)}>
                {label(outcomeLabels, event.outcome)}
              </StatusBadge>
            </div>
            {event.customerName ? <p className="font-semibold">{event.customerName}</p> : null}
            <p className="flex flex-wrap gap-x-3 text-sm text-slate-700">
              <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
              {showAgent ? (
                <span>{event.agentName ?? event.agentLogin ?? event.agentId}</span>
              ) : null}
              {event.rail ? <span>{label(railNames, event.rail)}</span> : null}
              {event.mobileMasked ? (
                <span className="tabular-nums">{event.mobileMasked}</span>
              ) : null}
              {event.flowReference ? (
                <span className="tabular-nums">
                  {i18n._("activity.reference", { reference: event.flowReference })}
                </span>
              ) : null}
            </p>
            <p className="text-xs break-all text-slate-600">
              {i18n._("activity.details", { details: details.join(" · ") })}
            </p>
            {event.flowId && !showAgent ? (
              <Link
                href={`/flow/${event.flowId}`}
                className="inline-flex min-h-11 items-center self-start text-sm font-semibold text-brand-700 underline"
              >
                {i18n._("activity.open_flow")}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
