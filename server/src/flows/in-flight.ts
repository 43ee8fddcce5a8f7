import { maskMobile } from "../contract/mobile.ts";
import { ekoCalls } from "../eko/calls.ts";
import { type EkoClient, newClientRefId } from "../eko/client.ts";
import type { AuditEntry, FlowRepository, Resolution } from "../store/flow-repository.ts";
import type { FlowRecord, FlowSecrets, UnknownAction } from "./flow-record.ts";

/*
 * Intent before every Eko write (issue #14). A write (POST) is recorded on
 * the flow as in flight — call, client_ref_id, time — with an "attempted"
 * audit row, before it leaves; the save of its answer clears it. If the
 * answer is never saved (the process died, the lock ran out), the flow moves
 * to status_unknown the next time anyone reads or locks it (or the periodic
 * maintenance sees it): never back to a step that would send the write again.
 */

/** A write in doubt keeps nothing that belongs to a pending OTP: the re-check starts afresh. */
export function withoutPendingOtp({ otpRefId: _ref, otpIntent: _intent, ...rest }: FlowSecrets) {
  return rest;
}

/** What a flow whose write was never answered becomes, and the audit row that says so. */
export function abandonedWrite(record: FlowRecord, requestId: string): Resolution | null {
  const intent = record.inFlight;
  if (!intent) return null;
  const audit: AuditEntry = {
    agentId: intent.agentId,
    action: intent.action,
    outcome: "status_unknown",
    requestId,
    rail: record.rail,
    flowId: record.id,
    mobileMasked: maskMobile(record.mobile),
    customerMobile: record.mobile,
    ekoResponseTypeId: null,
    latencyMs: null,
    detail: `no_answer ${intent.call} ${intent.clientRefId}`,
  };
  return {
    step: { kind: "status_unknown", action: intent.unknownAs },
    secrets: withoutPendingOtp(record.secrets),
    audit,
  };
}

/**
 * Read path (GET a flow, maintenance): settles an abandoned write if the
 * lock it was sent under is gone; otherwise (still in flight) leaves it.
 * Returns the flow as it now stands.
 */
export async function settleIfAbandoned(
  repo: FlowRepository,
  record: FlowRecord,
  requestId: string,
  reread: () => Promise<FlowRecord | null>,
): Promise<FlowRecord> {
  const resolution = abandonedWrite(record, requestId);
  if (!resolution) return record;
  const resolved = await repo.resolveInFlight(record, resolution, null);
  return resolved ?? (await reread()) ?? record;
}

export type WriteIntentContext = {
  repo: FlowRepository;
  record: () => FlowRecord;
  lockOwner: string | null;
  now: () => Date;
  attempted: (detail: string) => AuditEntry;
  action: string;
  agentId: string;
};

/**
 * The Eko client a step's calls go through: reads pass straight on; a write
 * is first recorded as in flight (with its client_ref_id, generated here and
 * sent to Eko as is) — if that record cannot be made, the write is not sent.
 */
export function intentRecordingEko(
  eko: EkoClient,
  context: WriteIntentContext,
  unknownAs: () => UnknownAction | null,
): EkoClient {
  return {
    async call(name, callContext, params) {
      if (ekoCalls[name].method !== "POST") return eko.call(name, callContext, params);
      const doubt = unknownAs();
      const record = context.record();
      if (!doubt || !context.lockOwner) {
        throw new Error(
          `${name} is a write: it needs a saved, locked flow and a status_unknown action`,
        );
      }
      const startedAt = context.now();
      const clientRefId = newClientRefId(name, startedAt.getTime());
      await context.repo.markInFlight(
        record,
        context.lockOwner,
        {
          call: name,
          clientRefId,
          startedAt: startedAt.toISOString(),
          action: context.action,
          unknownAs: doubt,
          agentId: context.agentId,
        },
        context.attempted(`${name} ${clientRefId}`),
      );
      return eko.call(name, { ...callContext, clientRefId }, params);
    },
  };
}
