import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { formatTime } from "../../../lib/format.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { getSandboxPhoneQueryOptions, type SandboxMessage } from "../api/get-sandbox-phone.ts";

const purposes: Record<string, { id: string }> = {
  mobile: { id: "sandbox.purpose.mobile" },
  aadhaar: { id: "sandbox.purpose.aadhaar" },
};

/** An OTP that can no longer be typed is struck through and says why (issue #15 §4). */
const stateLabels = {
  replaced: { id: "sandbox.state.replaced" },
  used: { id: "sandbox.state.used" },
} as const;

type SandboxPhonePanelProps = {
  flowId: string;
  /** Poll every 2 s only while an OTP is awaited. */
  polling: boolean;
};

/**
 * Sandbox mode only: the simulator's "phone" for this flow (only what was
 * sent since it started, newest first), so a demo or training session can
 * read the OTP. Absent when the server talks to Eko.
 */
export function SandboxPhonePanel({ flowId, polling }: SandboxPhonePanelProps) {
  const { i18n } = useLingui();
  const headingId = useId();
  const language = currentLanguage(i18n);
  const phone = useQuery({
    ...getSandboxPhoneQueryOptions(flowId),
    refetchInterval: (query) => (polling && query.state.data !== null ? 2000 : false),
    retry: false,
  });
  if (!phone.data) return null;
  const messages: SandboxMessage[] = [...phone.data].sort(
    (a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt),
  );

  return (
    <aside
      aria-labelledby={headingId}
      className="flex flex-col gap-2 rounded-xl border-2 border-dashed border-amber-600 bg-amber-50 p-4"
    >
      <h2 id={headingId} className="font-bold">
        {i18n._("sandbox.title")}
      </h2>
      <p className="text-sm">{i18n._("sandbox.explainer")}</p>
      {messages.length === 0 ? (
        <p className="text-sm">{i18n._("sandbox.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {messages.slice(0, 5).map((message) => (
            <li
              key={`${message.sentAt}-${message.otp}`}
              className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg bg-white p-2"
            >
              <span
                className={`font-mono text-xl font-bold tracking-widest ${
                  message.state === "current" ? "" : "text-slate-600 line-through"
                }`}
              >
                {message.otp}
              </span>
              {message.state === "current" ? null : (
                <span className="rounded bg-slate-200 px-1.5 text-sm font-semibold text-slate-800">
                  {i18n._(stateLabels[message.state])}
                </span>
              )}
              <span className="text-sm">
                {i18n._(purposes[message.purpose] ?? { id: "sandbox.purpose.other" })}
              </span>
              <span className="text-sm text-slate-700">
                {i18n._("sandbox.sent", {
                  to: message.toMasked,
                  time: formatTime(message.sentAt, language),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
