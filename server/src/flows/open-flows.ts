import type { Step } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import { type OpenFlow, openStepKinds } from "../contract/open-flows.ts";
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
