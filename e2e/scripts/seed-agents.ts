import { AgentError, createAgent } from "../../server/src/auth/agents.ts";
import { loadEnv } from "../../server/src/env.ts";
import { openStore } from "../../server/src/store/open-store.ts";
import { e2eAgent } from "../agents.ts";

/**
 * Run by each e2e webServer before the server starts, on that server's store
 * (same SQLITE_PATH): adds the agent the specs sign in as (e2e/agents.ts).
 * Same code path as `npm run agent -- add`.
 */
const env = loadEnv();
const db = await openStore(env);
try {
  try {
    // A test-only account: a light scrypt cost keeps start-up and each sign-in quick
    // (the parameters travel with the hash, auth/password.ts).
    await createAgent(
      db,
      { ...e2eAgent, userCode: "20810200", role: "agent", language: "en" },
      { scrypt: { logN: 10, r: 8, p: 1 } },
    );
  } catch (error) {
    if (!(error instanceof AgentError && error.code === "duplicate_login")) throw error;
  }
  console.log(`e2e: agent ${e2eAgent.login} ready in ${env.database.kind} store`);
} finally {
  await db.destroy();
}
