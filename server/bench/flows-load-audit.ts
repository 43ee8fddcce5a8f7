import type { Db } from "../src/store/db.ts";
import type { FlowRecord } from "./flows-load-agent.ts";

export type AuditCheck = {
  /** Audit rows the completed steps call for (one per step) and rows found for those flows. */
  expectedRows: number;
  foundRows: number;
  /** Steps the client saw succeed with no audit row, and audit rows no step accounts for. */
  missing: number;
  unexpected: number;
  signIns: { expected: number; found: number };
  /** Flows the client saw that are not in the flows table, or stored at another step. */
  flowRowsMissing: number;
  flowRowsWrongStep: number;
  samples: string[];
};

const key = (action: string, outcome: string) => `${action}:${outcome}`;

/** Actions whose Eko call is a write (the load runs no resends, so none is settled locally). */
const WRITES = new Set(["flow.onboard", "otp.verify", "aadhaar.submit", "pan.submit"]);

/**
 * Compares what the agents saw with what the store recorded: every step of
 * every flow without an error has exactly one audit row with the same action
 * and outcome (a write also its "attempted" row), and the flow row holds the
 * step the agent saw last.
 */
export async function checkAudit(
  db: Db,
  flows: FlowRecord[],
  agentIds: string[],
): Promise<AuditCheck> {
  const clean = flows.filter((flow) => flow.completed);
  const check: AuditCheck = {
    expectedRows: 0,
    foundRows: 0,
    missing: 0,
    unexpected: 0,
    signIns: { expected: agentIds.length, found: 0 },
    flowRowsMissing: 0,
    flowRowsWrongStep: 0,
    samples: [],
  };
  const ours = new Set(agentIds);
  const rows = await db
    .selectFrom("audit_events")
    .select(["agent_id", "flow_id", "action", "outcome"])
    .execute();
  const byFlow = new Map<string, string[]>();
  for (const row of rows) {
    const signIn = row.action === "sign-in" && row.outcome === "success";
    if (signIn && ours.has(row.agent_id)) check.signIns.found += 1;
    if (!row.flow_id) continue;
    const list = byFlow.get(row.flow_id) ?? [];
    list.push(key(row.action, row.outcome));
    byFlow.set(row.flow_id, list);
  }
  const stored = new Map(
    (await db.selectFrom("flows").select(["id", "step_json"]).execute()).map((row) => [
      row.id,
      (JSON.parse(row.step_json) as { kind: string }).kind,
    ]),
  );

  for (const flow of clean) {
    // Every step that writes to Eko is on record as attempted before it is sent (in-flight intent).
    const expected = flow.steps.flatMap((step) =>
      WRITES.has(step.action)
        ? [key(step.action, "attempted"), ...step.outcomes.map((o) => key(step.action, o))]
        : step.outcomes.map((o) => key(step.action, o)),
    );
    const found = [...(byFlow.get(flow.flowId) ?? [])];
    check.expectedRows += expected.length;
    check.foundRows += found.length;
    for (const entry of expected) {
      const at = found.indexOf(entry);
      if (at === -1) {
        check.missing += 1;
        if (check.samples.length < 5) check.samples.push(`missing ${entry} for ${flow.flowId}`);
      } else found.splice(at, 1);
    }
    check.unexpected += found.length;
    for (const entry of found.slice(0, 5 - check.samples.length)) {
      check.samples.push(`unexpected ${entry} for ${flow.flowId}`);
    }
    const kind = stored.get(flow.flowId);
    if (kind === undefined) check.flowRowsMissing += 1;
    else if (kind !== flow.finalKind) check.flowRowsWrongStep += 1;
  }
  return check;
}

export function auditClean(check: AuditCheck): boolean {
  return (
    check.missing === 0 &&
    check.unexpected === 0 &&
    check.flowRowsMissing === 0 &&
    check.flowRowsWrongStep === 0 &&
    check.signIns.found === check.signIns.expected
  );
}
