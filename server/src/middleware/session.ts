import type { MiddlewareHandler } from "hono";
import { toAgentContext } from "../auth/agents.ts";
import { clearSessionCookie, readSessionCookie, resolveSession } from "../auth/sessions.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import type { Db } from "../store/db.ts";
import type { AgentVariables } from "./agent-context.ts";

const messages = {
  "no-session": "Sign in first",
  "idle-timeout": "Signed out after a period without activity",
  expired: "Session expired; sign in again",
  disabled: "This account is disabled",
} as const;

/**
 * Every /api route but sign-in needs a live session: sets `c.var.agent`, or
 * answers 401 `unauthenticated` with `details.reason` (no-session,
 * idle-timeout, expired, disabled) so the UI can say why.
 */
export function requireSession(deps: {
  db: Db;
  env: Pick<Env, "session" | "publicOrigin">;
  now: () => Date;
  /** Exact paths (method + path) that need no session. */
  publicRoutes: ReadonlyArray<string>;
}): MiddlewareHandler<{ Variables: AgentVariables }> {
  const open = new Set(deps.publicRoutes);
  return async (c, next) => {
    if (open.has(`${c.req.method} ${c.req.path}`)) return next();
    const sessionId = readSessionCookie(c, deps.env);
    const lookup = await resolveSession(deps.db, sessionId, deps.now(), deps.env.session);
    if (!lookup.ok) {
      if (sessionId) clearSessionCookie(c, deps.env);
      throw new ApiProblem("unauthenticated", messages[lookup.reason], { reason: lookup.reason });
    }
    c.set("agent", toAgentContext(lookup.agent));
    await next();
  };
}

/** For admin-only routes, after `requireSession`. */
export const requireAdmin: MiddlewareHandler<{ Variables: AgentVariables }> = async (c, next) => {
  if (c.var.agent.role !== "admin") throw new ApiProblem("forbidden", "Admins only");
  await next();
};
