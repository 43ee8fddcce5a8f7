import { AgentError, createAgent } from "../../server/src/auth/agents.ts";
import { loadEnv } from "../../server/src/env.ts";
import { openStore } from "../../server/src/store/open-store.ts";
import { poolAgents } from "../agents.ts";

/**
 * Run by each e2e webServer before the server starts, on that server's store
 * (same SQLITE_PATH): adds the pool of agents the specs sign in as. The
 * server's limits are per agent (60 OTP sends / 10 min, http/rate-limits.ts),
 * more than one agent sends in a full run, so the specs share the load. Same
 * code path as `npm run agent -- add`, in one process instead of one per agent.
 */
const env = loadEnv();
const db = await openStore(env);
try {
  for (const agent of poolAgents) {
    try {
      // Test-only accounts: a light scrypt cost keeps start-up and each sign-in quick
      // (the parameters travel with the hash, auth/password.ts).
      await createAgent(
        db,
        { ...agent, userCode: "20810200", role: "agent", language: "en" },
        { scrypt: { logN: 10, r: 8, p: 1 } },
      );
    } catch (error) {
      if (!(error instanceof AgentError && error.code === "duplicate_login")) throw error;
    }
  }
  console.log(`e2e: ${poolAgents.length} pool agents ready in ${env.database.kind} store`);
} finally {
  await db.destroy();
}
