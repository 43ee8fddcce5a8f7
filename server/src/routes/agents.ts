import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type AdminActor,
  addAgentByAdmin,
  listManagedAgents,
  resetPasswordByAdmin,
  setAgentEnabledByAdmin,
  toManagedAgent,
  updateAgentByAdmin,
} from "../auth/agent-admin.ts";
import { AgentError, type AgentRecord } from "../auth/agents.ts";
import type { ScryptParams } from "../auth/password.ts";
import {
  agentIdParamSchema,
  managedAgentListSchema,
  managedAgentResponseSchema,
  newAgentRequestSchema,
  oneTimePasswordResponseSchema,
  updateAgentRequestSchema,
} from "../contract/agents.ts";
import { apiErrorSchema } from "../contract/errors.ts";
import { ApiProblem } from "../http/problem.ts";
import type { AgentVariables } from "../middleware/agent-context.ts";
import { requireAdmin } from "../middleware/session.ts";
import type { Db } from "../store/db.ts";

export type AgentRouteDeps = {
  db: Db;
  now: () => Date;
  /** Tests pass a cheap scrypt; production uses the default cost. */
  scrypt?: ScryptParams;
};

const json = <T>(schema: T) => ({ "application/json": { schema } });
const problem = (description: string) => ({ content: json(apiErrorSchema), description });
const common = {
  401: problem("No session"),
  403: problem("Not an admin"),
} as const;
const middleware = [requireAdmin];

const listRoute = createRoute({
  method: "get",
  path: "/",
  summary: "Every agent, with their last sign-in",
  middleware,
  responses: { 200: { content: json(managedAgentListSchema), description: "By login" }, ...common },
});

const addRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Add an agent; the answer holds their one-time password, shown once",
  middleware,
  request: { body: { content: json(newAgentRequestSchema), required: true } },
  responses: {
    201: { content: json(oneTimePasswordResponseSchema), description: "Added" },
    ...common,
    409: problem("The login is taken"),
    422: problem("A field breaks the rules"),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/{agentId}",
  summary: "Change an agent's name, Eko user_code or role",
  middleware,
  request: {
    params: agentIdParamSchema,
    body: { content: json(updateAgentRequestSchema), required: true },
  },
  responses: {
    200: { content: json(managedAgentResponseSchema), description: "Changed" },
    ...common,
    404: problem("No such agent"),
    409: problem("That would leave no active admin"),
    422: problem("A field breaks the rules"),
  },
});

const toggleRoute = (action: "disable" | "enable") =>
  createRoute({
    method: "post",
    path: `/{agentId}/${action}`,
    summary:
      action === "disable"
        ? "Disable an agent; their sessions end at once"
        : "Enable a disabled agent",
    middleware,
    request: { params: agentIdParamSchema },
    responses: {
      200: { content: json(managedAgentResponseSchema), description: "Done" },
      ...common,
      404: problem("No such agent"),
      409: problem("That would leave no active admin"),
    },
  });

const resetRoute = createRoute({
  method: "post",
  path: "/{agentId}/reset-password",
  summary: "Issue a one-time password (shown once); the agent changes it at the next sign-in",
  middleware,
  request: { params: agentIdParamSchema },
  responses: {
    200: { content: json(oneTimePasswordResponseSchema), description: "Reset; sessions ended" },
    ...common,
    404: problem("No such agent"),
  },
});

/** The shared rules' refusals (auth/agents.ts) in the API's vocabulary. */
function asProblem(error: unknown): never {
  if (!(error instanceof AgentError)) throw error;
  switch (error.code) {
    case "duplicate_login":
      throw new ApiProblem("conflict", error.message, { fields: { login: "login_taken" } });
    case "last_admin":
      throw new ApiProblem("conflict", error.message, { reason: "last_admin" });
    case "unknown_login":
      throw new ApiProblem("not_found", error.message);
    default:
      throw new ApiProblem("validation_failed", error.message);
  }
}

/** /api/admin/agents: the Agents page. Admin-only; CSRF and session checks run before (app.ts). */
export function createAgentRoutes({ db, now, scrypt }: AgentRouteDeps) {
  const actor = (c: Context<{ Variables: AgentVariables }>): AdminActor => ({
    agentId: c.var.agent.id,
    requestId: c.var.requestId,
    at: now(),
  });
  // A freshly changed agent's last sign-in is unchanged by the change itself.
  const view = async (agent: AgentRecord) =>
    (await listManagedAgents(db)).find((row) => row.id === agent.id) ?? toManagedAgent(agent, null);

  return new OpenAPIHono<{ Variables: AgentVariables }>()
    .openapi(listRoute, async (c) => c.json({ agents: await listManagedAgents(db) }, 200))
    .openapi(addRoute, async (c) => {
      const added = await addAgentByAdmin(db, actor(c), c.req.valid("json"), { scrypt }).catch(
        asProblem,
      );
      return c.json(
        { agent: toManagedAgent(added.agent, null), oneTimePassword: added.oneTimePassword },
        201,
      );
    })
    .openapi(updateRoute, async (c) => {
      const { agentId } = c.req.valid("param");
      const agent = await updateAgentByAdmin(db, actor(c), agentId, c.req.valid("json")).catch(
        asProblem,
      );
      return c.json({ agent: await view(agent) }, 200);
    })
    .openapi(toggleRoute("disable"), async (c) => {
      const { agentId } = c.req.valid("param");
      const agent = await setAgentEnabledByAdmin(db, actor(c), agentId, false).catch(asProblem);
      return c.json({ agent: await view(agent) }, 200);
    })
    .openapi(toggleRoute("enable"), async (c) => {
      const { agentId } = c.req.valid("param");
      const agent = await setAgentEnabledByAdmin(db, actor(c), agentId, true).catch(asProblem);
      return c.json({ agent: await view(agent) }, 200);
    })
    .openapi(resetRoute, async (c) => {
      const { agentId } = c.req.valid("param");
      const reset = await resetPasswordByAdmin(db, actor(c), agentId, { scrypt }).catch(asProblem);
      return c.json(
        { agent: await view(reset.agent), oneTimePassword: reset.oneTimePassword },
        200,
      );
    });
}
