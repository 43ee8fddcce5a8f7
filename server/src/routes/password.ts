import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { changeOwnPassword } from "../auth/agent-admin.ts";
import { readSessionCookie } from "../auth/sessions.ts";
import { changePasswordRequestSchema } from "../contract/agents.ts";
import { agentResponseSchema } from "../contract/auth.ts";
import { apiErrorSchema } from "../contract/errors.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import type { AgentVariables } from "../middleware/agent-context.ts";
import type { Db } from "../store/db.ts";

export type PasswordRouteDeps = { db: Db; env: Env; now: () => Date };

const json = <T>(schema: T) => ({ "application/json": { schema } });
const problem = (description: string) => ({ content: json(apiErrorSchema), description });

const changePasswordRoute = createRoute({
  method: "post",
  path: "/",
  summary: "The signed-in agent chooses a new password (required after a one-time password)",
  request: { body: { content: json(changePasswordRequestSchema), required: true } },
  responses: {
    200: { content: json(agentResponseSchema), description: "Changed; other sessions ended" },
    401: problem("No session"),
    422: problem("Current password wrong, or the new one breaks the policy"),
  },
});

/** /api/auth/password: apart from routes/auth.ts, so sign-in stays one handler. */
export function createPasswordRoutes({ db, env, now }: PasswordRouteDeps) {
  return new OpenAPIHono<{ Variables: AgentVariables }>().openapi(
    changePasswordRoute,
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json");
      const agent = await changeOwnPassword(db, {
        agentId: c.var.agent.id,
        sessionId: readSessionCookie(c, env) ?? "",
        currentPassword,
        newPassword,
        requestId: c.var.requestId,
        at: now(),
      });
      if (!agent) {
        throw new ApiProblem("validation_failed", "The current password is not right", {
          fields: { currentPassword: "password_wrong" },
        });
      }
      const { id, login, name, ekoUserCode: userCode, role, language } = agent;
      return c.json(
        { agent: { id, login, name, userCode, role, language, mustChangePassword: false } },
        200,
      );
    },
  );
}
