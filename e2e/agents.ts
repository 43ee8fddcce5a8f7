/** The sandbox's seeded accounts (server/src/auth/agents.ts SANDBOX_AGENTS). */
export const agents = {
  demo: { login: "demo", password: "demo-password", name: "Demo Agent" },
  admin: { login: "admin", password: "admin-password", name: "Demo Admin" },
} as const;

export type AgentLogin = { login: string; password: string; name: string };

/**
 * The agent most specs sign in as, added by scripts/seed-agents.ts on every e2e
 * server. One is enough: the servers raise the OTP limits (playwright.config.ts).
 */
export const e2eAgent: AgentLogin = {
  login: "e2e-agent",
  password: "e2e-agent-password",
  name: "E2E Agent",
};
