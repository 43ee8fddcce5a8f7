/** The signed-in agent, set on `c.var.agent` by the session middleware for every /api route but sign-in. */
export type AgentContext = {
  id: string;
  login: string;
  name: string;
  role: "agent" | "admin";
  /** Eko `user_code` for this agent's calls — from the agent record, never from the request. */
  ekoUserCode: string;
  language: "en" | "hi";
  /** Signed in with a one-time password: only the password change is open (middleware/password-change.ts). */
  mustChangePassword: boolean;
};

export type AgentVariables = { agent: AgentContext; requestId: string };
