import { randomUUID } from "node:crypto";
import { maskMobile } from "../contract/mobile.ts";
import type { FlowRepository, SecretLifetimes } from "../store/flow-repository.ts";
import { abandonedWrite } from "./in-flight.ts";
import { purgeSpentSecrets } from "./secret-purge.ts";
import { outcomeOf } from "./step-pipeline.ts";

/** The maintenance reads any agent's flow. */
const MAINTENANCE = { id: "maintenance", role: "admin" } as const;
const BATCH = 200;

export type MaintenanceReport = { resolved: number; purged: number };

/**
 * Periodic store work, run on start and every minute (index.ts), safe on any
 * number of instances at once: each change is a conditional update on the
 * flow's version with its lock free, so a flow is settled or purged once.
 *  - writes left in flight by a crash (lock gone) → status_unknown;
 *  - sealed secrets past their useful life (store/flow-repository.ts
 *    `secrets_review_at`) → dropped, and the step adjusted (secret-purge.ts).
 */
export function createFlowMaintenance(deps: {
  repo: FlowRepository;
  now: () => Date;
  lifetimes: SecretLifetimes;
}) {
  const { repo } = deps;
  return {
    async run(): Promise<MaintenanceReport> {
      const runId = randomUUID();
      let resolved = 0;
      for (const id of await repo.abandonedWrites(BATCH)) {
        const record = await repo.get(id, MAINTENANCE);
        const resolution = record ? abandonedWrite(record, runId) : null;
        if (!record || !resolution) continue;
        if (await repo.resolveInFlight(record, resolution, null)) resolved += 1;
      }
      let purged = 0;
      for (const id of await repo.secretsDue(BATCH)) {
        const record = await repo.get(id, MAINTENANCE);
        if (!record) continue;
        const purge = purgeSpentSecrets(record, deps.now(), deps.lifetimes);
        const audits = purge.purged.length
          ? [
              {
                agentId: record.agentId,
                action: "secrets.purge",
                outcome: outcomeOf(purge.step),
                requestId: runId,
                rail: record.rail,
                flowId: record.id,
                mobileMasked: maskMobile(record.mobile),
                customerMobile: record.mobile,
                detail: purge.purged.join(","),
              },
            ]
          : [];
        if (await repo.purgeSecrets(record, { ...purge, audits })) {
          if (purge.purged.length) purged += 1;
        }
      }
      return { resolved, purged };
    },
  };
}
export type FlowMaintenance = ReturnType<typeof createFlowMaintenance>;
