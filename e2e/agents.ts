/** The sandbox's seeded accounts (server/src/auth/agents.ts SANDBOX_AGENTS). */
export const agents = {
  demo: { login: "demo", password: "demo-password", name: "Demo Agent" },
  admin: { login: "admin", password: "admin-password", name: "Demo Admin" },
} as const;

export type AgentLogin = { login: string; password: string; name: string };

/**
 * Agents added by scripts/seed-agents.ts on every e2e server. Tests take them
 * in turn, so no one agent reaches the per-agent OTP-send limit in a full run.
 */
export const poolAgents: readonly AgentLogin[] = Array.from({ length: 6 }, (_, index) => ({
  login: `e2e-agent-${index + 1}`,
  password: "e2e-agent-password",
  name: `E2E Agent ${index + 1}`,
}));
