import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import { apiErrorSchema } from "../contract/errors.ts";
import {
  aadhaarRequestSchema,
  flowIdParamSchema,
  onboardRequestSchema,
  panRequestSchema,
  startFlowSchema,
  verifyOtpSchema,
} from "../contract/flow-requests.ts";
import { flowViewSchema } from "../contract/flow-view.ts";
import { sandboxPhoneSchema } from "../contract/sandbox-phone.ts";
import { createEkoClient, type EkoClient } from "../eko/client.ts";
import type { Env } from "../env.ts";
import { type Actor, createFlowEngine, toView } from "../flows/engine.ts";
import { readSandboxPhone } from "../flows/sandbox-phone.ts";
import { ApiProblem, type ProblemStatus, requestIdOf } from "../http/problem.ts";
import type { Logger } from "../logger.ts";
import type { AgentVariables } from "../middleware/agent-context.ts";
import { validationHook } from "../middleware/error-handler.ts";
import type { Db } from "../store/db.ts";
import { createFlowRepository } from "../store/flow-repository.ts";
import { createRateLimiter } from "../store/rate-limiter.ts";
import { loadStateKey } from "../store/sealed-box.ts";

export type FlowRouteDeps = {
  env: Env;
  db: Db;
  logger: Logger;
  now?: () => Date;
  /** Defaults to a client for env.eko (base URL read per call). */
  eko?: EkoClient;
  /** Defaults to loadStateKey(env); a function is called when the key is first needed. */
  stateKey?: Buffer | (() => Buffer);
};

type FlowEnv = { Variables: AgentVariables };

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Error responses a route may answer, all in the `{ error }` shape. */
function problems<const S extends readonly ProblemStatus[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, json(apiErrorSchema, "Error")])) as {
    [K in S[number]]: ReturnType<typeof json<typeof apiErrorSchema>>;
  };
}

const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
const flowView = json(flowViewSchema, "The flow as the browser renders it");
const stepFailures = problems(401, 404, 409, 422, 429, 502, 503, 504);

const start = createRoute({
  method: "post",
  path: "/",
  summary: "Start a flow: look the customer up (A.1 / B.1 / C.1; sends the OTP if enrolled)",
  request: { body: body(startFlowSchema) },
  responses: { 201: flowView, ...problems(401, 422, 429, 502, 503, 504) },
});
const read = createRoute({
  method: "get",
  path: "/{flowId}",
  summary: "The flow's current step (resume after a refresh)",
  request: { params: flowIdParamSchema },
  responses: { 200: flowView, ...problems(401, 404) },
});
const stepResponses = { 200: flowView, ...stepFailures, ...problems(423) };
const stepRoute = <P extends string>(path: P, summary: string) =>
  createRoute({
    method: "post",
    path,
    summary,
    request: { params: flowIdParamSchema },
    responses: stepResponses,
  });
const stepWithBody = <P extends string, B extends z.ZodType>(path: P, summary: string, schema: B) =>
  createRoute({
    method: "post",
    path,
    summary,
    request: { params: flowIdParamSchema, body: body(schema) },
    responses: stepResponses,
  });
const onboard = stepWithBody(
  "/{flowId}/onboard",
  "Onboard the customer (A.2 / B.2 / C.2)",
  onboardRequestSchema,
);
const verify = stepWithBody(
  "/{flowId}/otp/verify",
  "Verify the mobile or Aadhaar OTP",
  verifyOtpSchema,
);
const resend = stepRoute("/{flowId}/otp/resend", "Send a new OTP");
const aadhaar = stepWithBody(
  "/{flowId}/aadhaar",
  "Levin: Aadhaar with recorded consent (C.5)",
  aadhaarRequestSchema,
);
const pan = stepWithBody("/{flowId}/pan", "Levin: PAN (C.7)", panRequestSchema);
const recheck = stepRoute(
  "/{flowId}/recheck",
  "Re-establish the state with a read after a write in doubt",
);
const sandboxPhone = createRoute({
  method: "get",
  path: "/{flowId}/sandbox-phone",
  summary: "Sandbox only: the OTPs sent to this flow's customer",
  request: { params: flowIdParamSchema },
  responses: {
    200: json(sandboxPhoneSchema, "Messages, newest first"),
    ...problems(401, 404, 502, 503, 504),
  },
});

/** A malformed flow id is simply not found; other schema failures are the shared 422. */
const flowValidationHook: typeof validationHook = (result, c) => {
  if (!result.success && "target" in result && result.target === "param") {
    throw new ApiProblem("not_found", "No such flow");
  }
  return validationHook(result, c);
};

/** /api/flows: the console's flow routes. The agent comes from `c.var.agent` (session middleware). */
export function createFlowRoutes(deps: FlowRouteDeps) {
  const now = deps.now ?? (() => new Date());
  const eko =
    deps.eko ??
    createEkoClient({
      baseUrl: () => deps.env.eko.baseUrl,
      developerKey: deps.env.eko.developerKey,
      accessKey: deps.env.eko.accessKey,
      initiatorId: deps.env.eko.initiatorId,
      timeoutMs: deps.env.eko.timeoutMs,
      logger: deps.logger,
      now: () => now().getTime(),
    });
  // A configured STATE_KEY is checked now; a generated one (SQLite) is only created on first use.
  const given = deps.stateKey;
  let stateKey = Buffer.isBuffer(given)
    ? given
    : given
      ? null
      : deps.env.stateKey
        ? loadStateKey(deps.env)
        : null;
  const repo = createFlowRepository(deps.db, {
    stateKey: () => {
      stateKey ??= typeof given === "function" ? given() : loadStateKey(deps.env);
      return stateKey;
    },
    now,
  });
  const limiter = createRateLimiter(deps.db, now);
  const engine = createFlowEngine({ repo, eko, env: deps.env, now, limiter });
  const actor = (c: Context<FlowEnv>): Actor => ({ agent: c.var.agent, requestId: requestIdOf(c) });

  // Errors are thrown (ApiProblem) and answered by the app's one onError (middleware/error-handler.ts).
  return new OpenAPIHono<FlowEnv>({ defaultHook: flowValidationHook })
    .openapi(start, async (c) => c.json(await engine.start(actor(c), c.req.valid("json")), 201))
    .openapi(read, async (c) =>
      c.json(toView(await engine.get(c.var.agent, c.req.valid("param").flowId)), 200),
    )
    .openapi(onboard, async (c) =>
      c.json(await engine.onboard(actor(c), c.req.valid("param").flowId, c.req.valid("json")), 200),
    )
    .openapi(verify, async (c) =>
      c.json(
        await engine.verifyOtp(actor(c), c.req.valid("param").flowId, c.req.valid("json").otp),
        200,
      ),
    )
    .openapi(resend, async (c) =>
      c.json(await engine.resendOtp(actor(c), c.req.valid("param").flowId), 200),
    )
    .openapi(aadhaar, async (c) =>
      c.json(
        await engine.submitAadhaar(actor(c), c.req.valid("param").flowId, c.req.valid("json")),
        200,
      ),
    )
    .openapi(pan, async (c) =>
      c.json(
        await engine.submitPan(actor(c), c.req.valid("param").flowId, c.req.valid("json").pan),
        200,
      ),
    )
    .openapi(recheck, async (c) =>
      c.json(await engine.recheck(actor(c), c.req.valid("param").flowId), 200),
    )
    .openapi(sandboxPhone, async (c) => {
      const baseUrl = deps.env.eko.baseUrl;
      if (!deps.env.sandbox || !baseUrl) throw new ApiProblem("not_found", "Only in sandbox mode");
      const record = await engine.get(c.var.agent, c.req.valid("param").flowId);
      return c.json(await readSandboxPhone(baseUrl, record, deps.env.eko.timeoutMs), 200);
    });
}
