import type { Step } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import { type OpenFlow, openStepKinds } from "../contract/open-flows.ts";
import { ApiProblem } from "../http/problem.ts";
import type { FlowRepository, OpenFlowRow } from "../store/flow-repository.ts";

/** At most this many rows are read; a counter has a handful of customers in progress. */
const RECENT_LIMIT = 100;

type OpenStep = Extract<Step, { kind: (typeof openStepKinds)[number] }>;

function isOpen(step: Step): step is OpenStep {
  return (openStepKinds as readonly string[]).includes(step.kind);
}

function customerNameOf(step: Step): string | null {
  if ("identity" in step && step.identity) return step.identity.name;
  if ("profile" in step && step.profile) return step.profile.name;
  return null;
}

function toOpenFlow(row: OpenFlowRow & { step: OpenStep }): OpenFlow {
  return {
    id: row.id,
    rail: row.rail,
    mobileMasked: maskMobile(row.mobile),
    customerName: customerNameOf(row.step),
    step: row.step.kind,
    startedAt: row.createdAt,
    otpExpiresAt: row.step.kind === "otp" ? row.step.expiresAt : null,
  };
}

/** The agent's own unfinished flows started within `maxAgeMinutes`, newest first. */
export async function listOpenFlows(
  repo: Pick<FlowRepository, "listRecent">,
  input: { agentId: string; now: Date; maxAgeMinutes: number; mobile?: string | undefined },
): Promise<OpenFlow[]> {
  const since = new Date(input.now.getTime() - input.maxAgeMinutes * 60_000);
  const rows = await repo.listRecent(input.agentId, {
    since,
    limit: RECENT_LIMIT,
    ...(input.mobile ? { mobile: input.mobile } : {}),
  });
  return rows
    .filter((row): row is OpenFlowRow & { step: OpenStep } => isOpen(row.step))
    .map(toOpenFlow);
}

/**
 * Starting over with a customer whose number is locked (too many wrong
 * OTPs: a flow of theirs sits on the `locked` step): say so and for how long
 * *before* the look-up, which would text the customer an OTP they cannot
 * use (issue #15 §4). Any agent's flow counts: Eko locks the number, not the
 * counter. The 429 names the limit's scope like the abuse limits' do.
 */
export async function refuseIfMobileLocked(
  repo: Pick<FlowRepository, "latestStepsForMobile">,
  mobile: string,
  now: Date,
): Promise<void> {
  const steps = await repo.latestStepsForMobile(mobile, { limit: 5 });
  const lockedUntil = steps
    .flatMap((step) => (step.kind === "locked" ? [Date.parse(step.until)] : []))
    .filter((until) => until > now.getTime())
    .sort((a, b) => b - a)[0];
  if (lockedUntil === undefined) return;
  const retryAfterSeconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
  throw new ApiProblem(
    "rate_limited",
    `This mobile is locked after too many wrong OTPs; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds, scope: "customer_mobile" },
  );
}
