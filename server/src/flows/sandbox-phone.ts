import { z } from "zod";
import { maskMobile } from "../contract/mobile.ts";
import type { SandboxPhone } from "../contract/sandbox-phone.ts";
import { ApiProblem } from "../http/problem.ts";
import type { FlowRecord } from "./flow-record.ts";

/** The sandbox's outbox sits next to its Eko API: `<origin>/sandbox/ekoapi/v3` → `<origin>/sandbox/outbox`. */
export function outboxUrl(ekoBaseUrl: string): string {
  const root = ekoBaseUrl.replace(/\/+$/, "").replace(/\/(ekoapi|ekoicici)\/v\d+$/, "");
  return `${root}/outbox`;
}

const messageSchema = z.object({
  mobile: z.string(),
  otp: z.string(),
  purpose: z.enum(["mobile", "aadhaar"]),
  rail: z.string().optional(),
  sent_at: z.string(),
});
const outboxSchema = z.union([
  z.array(z.unknown()),
  z.object({ messages: z.array(z.unknown()) }).transform((value) => value.messages),
]);

type PhoneMessage = SandboxPhone["messages"][number];

/**
 * Which OTP is the one to type (issue #15 §4): of each kind only the newest
 * can be; it stays current while the flow waits on that kind's OTP step,
 * and counts as used once the flow has moved past it.
 */
function stateOf(
  message: z.infer<typeof messageSchema>,
  newest: boolean,
  step: FlowRecord["step"],
): PhoneMessage["state"] {
  if (!newest) return "replaced";
  const waiting =
    (step.kind === "otp" || step.kind === "locked") && step.purpose === message.purpose;
  const inDoubt = step.kind === "status_unknown";
  return waiting || inDoubt ? "current" : "used";
}

/**
 * Reads the sandbox outbox over HTTP, like any other client of the sandbox,
 * and keeps only what was sent to this flow's customer on this flow's rail
 * since this flow started (not an earlier flow's), newest first.
 */
export async function readSandboxPhone(
  ekoBaseUrl: string,
  record: Pick<FlowRecord, "mobile" | "rail" | "createdAt" | "step">,
  timeoutMs: number,
): Promise<SandboxPhone> {
  const url = new URL(outboxUrl(ekoBaseUrl));
  url.searchParams.set("mobile", record.mobile);
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    const timeout = error instanceof Error && error.name === "TimeoutError";
    throw new ApiProblem(
      timeout ? "upstream_timeout" : "upstream_unavailable",
      `The sandbox outbox could not be read (${error instanceof Error ? error.message : "error"})`,
    );
  }
  const parsed = outboxSchema.safeParse(body);
  if (!parsed.success)
    throw new ApiProblem("upstream_bad_response", "The sandbox outbox answered an unknown shape");
  const messages = parsed.data
    .map((item) => messageSchema.safeParse(item))
    .flatMap((result) => (result.success ? [result.data] : []))
    .filter(
      (message) =>
        message.mobile === record.mobile &&
        (message.rail ?? record.rail) === record.rail &&
        Date.parse(message.sent_at) >= Date.parse(record.createdAt),
    )
    .sort((a, b) => Date.parse(b.sent_at) - Date.parse(a.sent_at));
  const seen = new Set<string>();
  return {
    messages: messages.map((message) => {
      const newest = !seen.has(message.purpose);
      seen.add(message.purpose);
      return {
        otp: message.otp,
        purpose: message.purpose,
        sentAt: message.sent_at,
        toMasked: maskMobile(message.mobile),
        state: stateOf(message, newest, record.step),
      };
    }),
  };
}
