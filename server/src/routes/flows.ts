import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import { apiErrorSchema } from "../contract/errors.ts";
import {
  aadhaarRequestSchema,
  consentAcceptRequestSchema,
  consentLanguageRequestSchema,
  flowIdParamSchema,
  onboardRequestSchema,
  panRequestSchema,
  startFlowSchema,
  verifyOtpSchema,
} from "../contract/flow-requests.ts";
import { flowViewSchema } from "../contract/flow-view.ts";
import { openFlowsQuerySchema, openFlowsSchema } from "../contract/open-flows.ts";
import { sandboxPhoneSchema } from "../contract/sandbox-phone.ts";
import type { Env } from "../env.ts";
import {
  CONSENT_AUDIO_LIMITS,
  consentAudioOrigins,
  fetchConsentAudio,
} from "../flows/consent-audio.ts";
import { type Actor, type FlowService, toView } from "../flows/flow-service.ts";
import { readSandboxPhone } from "../flows/sandbox-phone.ts";
import { ApiProblem, type ProblemStatus, requestIdOf } from "../http/problem.ts";
import type { AgentVariables } from "../middleware/agent-context.ts";
import { validationHook } from "../middleware/error-handler.ts";

export type FlowRouteDeps = {
  env: Pick<Env, "sandbox" | "eko" | "openFlows">;
  /** Built once in createApp (app.ts) with the store, the Eko client, the clock and the limiter. */
  flows: FlowService;
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
const listOpen = createRoute({
  method: "get",
  path: "/",
  summary:
    "The agent's own unfinished flows, newest first, started within OPEN_FLOWS_MAX_AGE_MINUTES; ?mobile= finds one customer's by the full number",
  request: { query: openFlowsQuerySchema },
  responses: { 200: json(openFlowsSchema, "Customers in progress"), ...problems(401, 422) },
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
const consentLanguages = stepRoute(
  "/{flowId}/consent/languages",
  "DigiKhata: load Eko's consent languages again (B.5)",
);
const consentLanguage = stepWithBody(
  "/{flowId}/consent/language",
  "DigiKhata: the consent text in the customer's language (B.6)",
  consentLanguageRequestSchema,
);
const consentAccept = stepWithBody(
  "/{flowId}/consent",
  "DigiKhata: the customer agreed to the consent text shown",
  consentAcceptRequestSchema,
);
const consentAudio = createRoute({
  method: "get",
  path: "/{flowId}/consent/audio",
  summary: "DigiKhata: Eko's consent recording, streamed from an allow-listed host",
  request: { params: flowIdParamSchema },
  responses: {
    200: { description: "The audio", content: { "audio/*": { schema: {} } } },
    ...problems(401, 404, 409, 502, 503, 504),
  },
});
const aadhaar = stepWithBody(
  "/{flowId}/aadhaar",
  "The Aadhaar number: Levin C.5 (with consent), DigiKhata B.7",
  aadhaarRequestSchema,
);
const pan = stepWithBody("/{flowId}/pan", "PAN: Levin C.7, DigiKhata B.9", panRequestSchema);
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

/**
 * /api/flows: the console's flow routes. They validate and call the flow
 * service; the agent comes from `c.var.agent` (session middleware). Errors are
 * thrown and answered by the app's one onError (middleware/error-handler.ts).
 */
export function createFlowRoutes({ env, flows }: FlowRouteDeps) {
  const actor = (c: Context<FlowEnv>): Actor => ({ agent: c.var.agent, requestId: requestIdOf(c) });

  return new OpenAPIHono<FlowEnv>({ defaultHook: flowValidationHook })
    .openapi(start, async (c) => c.json(await flows.start(actor(c), c.req.valid("json")), 201))
    .openapi(listOpen, async (c) => {
      const { maxAgeMinutes } = env.openFlows;
      const { mobile } = c.req.valid("query");
      return c.json(await flows.openFlows(c.var.agent, { maxAgeMinutes, mobile }), 200);
    })
    .openapi(read, async (c) =>
      c.json(
        toView(await flows.get(c.var.agent, c.req.valid("param").flowId, requestIdOf(c))),
        200,
      ),
    )
    .openapi(onboard, async (c) =>
      c.json(await flows.onboard(actor(c), c.req.valid("param").flowId, c.req.valid("json")), 200),
    )
    .openapi(verify, async (c) =>
      c.json(
        await flows.verifyOtp(actor(c), c.req.valid("param").flowId, c.req.valid("json").otp),
        200,
      ),
    )
    .openapi(resend, async (c) =>
      c.json(await flows.resendOtp(actor(c), c.req.valid("param").flowId), 200),
    )
    .openapi(consentLanguages, async (c) =>
      c.json(await flows.reloadConsentLanguages(actor(c), c.req.valid("param").flowId), 200),
    )
    .openapi(consentLanguage, async (c) =>
      c.json(
        await flows.chooseConsentLanguage(
          actor(c),
          c.req.valid("param").flowId,
          c.req.valid("json").languageId,
        ),
        200,
      ),
    )
    .openapi(consentAccept, async (c) =>
      c.json(
        await flows.acceptConsent(actor(c), c.req.valid("param").flowId, c.req.valid("json")),
        200,
      ),
    )
    .openapi(consentAudio, async (c) => {
      const url = await flows.consentAudioUrl(c.var.agent, c.req.valid("param").flowId);
      return fetchConsentAudio(url, {
        allowedOrigins: consentAudioOrigins(env),
        ...CONSENT_AUDIO_LIMITS,
        timeoutMs: Math.min(CONSENT_AUDIO_LIMITS.timeoutMs, env.eko.timeoutMs),
      }) as never;
    })
    .openapi(aadhaar, async (c) =>
      c.json(
        await flows.submitAadhaar(actor(c), c.req.valid("param").flowId, c.req.valid("json")),
        200,
      ),
    )
    .openapi(pan, async (c) =>
      c.json(
        await flows.submitPan(actor(c), c.req.valid("param").flowId, c.req.valid("json").pan),
        200,
      ),
    )
    .openapi(recheck, async (c) =>
      c.json(await flows.recheck(actor(c), c.req.valid("param").flowId), 200),
    )
    .openapi(sandboxPhone, async (c) => {
      const baseUrl = env.eko.baseUrl;
      if (!env.sandbox || !baseUrl) throw new ApiProblem("not_found", "Only in sandbox mode");
      const record = await flows.get(c.var.agent, c.req.valid("param").flowId);
      return c.json(await readSandboxPhone(baseUrl, record, env.eko.timeoutMs), 200);
    });
}
