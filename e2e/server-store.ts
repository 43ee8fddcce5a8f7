import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { FlowSecrets } from "../server/src/flows/flow-record.ts";
import { loadStateKey, open } from "../server/src/store/sealed-box.ts";

/**
 * Read-only look into the e2e server's own store, to learn the secret values
 * Eko handed it (otp_ref_id, wallet_token) — so a test can prove the browser
 * never receives them, by value. Unsealed with the server's state key, which
 * lives next to the SQLite file (store/sealed-box.ts).
 */
function storePath(baseURL: string): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is set by playwright.config.ts");
  return path.join(dataDir, new URL(baseURL).port, "console.db");
}

export async function readFlowSecrets(baseURL: string, flowId: string): Promise<FlowSecrets> {
  const file = storePath(baseURL);
  const connection = new DatabaseSync(file, { readOnly: true });
  try {
    const row = connection.prepare("SELECT sealed_secrets FROM flows WHERE id = ?").get(flowId) as
      | { sealed_secrets?: unknown }
      | undefined;
    const sealed = row?.sealed_secrets;
    if (typeof sealed !== "string") throw new Error(`No flow ${flowId} in ${file}`);
    const key = loadStateKey({ stateKey: null, database: { kind: "sqlite", path: file } });
    return JSON.parse(open(key, sealed, flowId)) as FlowSecrets;
  } finally {
    connection.close();
  }
}
