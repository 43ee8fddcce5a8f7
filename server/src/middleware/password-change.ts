import type { MiddlewareHandler } from "hono";
import { ApiProblem } from "../http/problem.ts";
import type { AgentVariables } from "./agent-context.ts";

/** What an agent holding a one-time password may do: see who they are, change it, leave. */
const OPEN_WITH_ONE_TIME_PASSWORD = new Set([
  "GET /api/auth/me",
  "PUT /api/auth/me/language",
  "POST /api/auth/password",
  "POST /api/auth/sign-out",
]);

/**
 * After `requireSession`: an agent who signed in with a one-time password (an
 * admin reset it) gets 403 `forbidden`, `details.reason`
 * `password-change-required`, on everything else until they choose their own.
 */
export const requirePasswordChanged: MiddlewareHandler<{ Variables: AgentVariables }> = async (
  c,
  next,
) => {
  const agent = c.var.agent as AgentVariables["agent"] | undefined;
  if (
    agent?.mustChangePassword &&
    !OPEN_WITH_ONE_TIME_PASSWORD.has(`${c.req.method} ${c.req.path}`)
  ) {
    throw new ApiProblem("forbidden", "Choose a new password first", {
      reason: "password-change-required",
    });
  }
  await next();
};
