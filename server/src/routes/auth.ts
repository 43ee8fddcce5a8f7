import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AgentRecord, findAgentByLogin, setAgentLanguage } from "../auth/agents.ts";
import { verifyPassword } from "../auth/password.ts";
import {
  clearSessionCookie,
  createSession,
  deleteSession,
  purgeExpiredSessions,
  readSessionCookie,
  writeSessionCookie,
} from "../auth/sessions.ts";
import {
  type Agent,
  agentResponseSchema,
  languageRequestSchema,
  signInRequestSchema,
  signInResponseSchema,
} from "../contract/auth.ts";
import { apiErrorSchema } from "../contract/errors.ts";
import type { OpenFlows } from "../contract/open-flows.ts";
import type { Env } from "../env.ts";
import { clientIp } from "../http/client-ip.ts";
import { ApiProblem } from "../http/problem.ts";
import { rateLimited, reserveSignInAttempt, signInPolicies } from "../http/rate-limits.ts";
import type { Logger } from "../logger.ts";
import { countRateLimitRefusal } from "../metrics/scope.ts";
import type { AgentContext, AgentVariables } from "../middleware/agent-context.ts";
import { recordAuditEvent, UNKNOWN_AGENT_ID } from "../store/audit-events.ts";
import type { Db } from "../store/db.ts";
import { createRateLimiter } from "../store/rate-limiter.ts";

export type AuthRouteDeps = {
  db: Db;
  env: Env;
  now: () => Date;
  /** The start page's customers in progress, sent with the sign-in answer (flow service). */
  openFlows: (agentId: string) => Promise<OpenFlows>;
  logger: Logger;
  /** The password check (scrypt); tests wrap it to count and hold the hashes a burst reaches. */
  verifyPassword?: (password: string, encoded: string) => Promise<boolean>;
};

const json = <T>(schema: T) => ({ "application/json": { schema } });
const problem = (description: string) => ({ content: json(apiErrorSchema), description });

/**
 * Verified against when the login does not exist, so an unknown login costs
 * as much time as a wrong password and response times do not reveal which
 * logins exist. (A hash of a random, discarded password.)
 */
const DUMMY_HASH =
  "$scrypt$ln=15,r=8,p=3$SCRcXlv6XIkT65o0ZqQyKw$vAbR4nOfPeta905i/4b0UNdlcOvwpCqSTpZOhTIBs9g";

const signInRoute = createRoute({
  method: "post",
  path: "/sign-in",
  request: { body: { content: json(signInRequestSchema), required: true } },
  responses: {
    200: {
      content: json(signInResponseSchema),
      description: "Signed in; session cookie set; the agent's customers in progress",
    },
    401: problem("Wrong login or password, or the account is disabled"),
    422: problem("Missing login or password"),
    429: problem("Too many failed attempts (Retry-After)"),
  },
});

const signOutRoute = createRoute({
  method: "post",
  path: "/sign-out",
  responses: {
    204: { description: "Signed out; session deleted and cookie cleared" },
    401: problem("No session"),
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  responses: {
    200: { content: json(agentResponseSchema), description: "The signed-in agent" },
    401: problem("No session (details.reason says why)"),
  },
});

const languageRoute = createRoute({
  method: "put",
  path: "/me/language",
  request: { body: { content: json(languageRequestSchema), required: true } },
  responses: {
    200: { content: json(agentResponseSchema), description: "Language remembered for this agent" },
    401: problem("No session"),
    422: problem("Unknown language"),
  },
});

function publicAgent(agent: AgentRecord | AgentContext): Agent {
  return {
    id: agent.id,
    login: agent.login,
    name: agent.name,
    userCode: agent.ekoUserCode,
    role: agent.role,
    language: agent.language,
    mustChangePassword: agent.mustChangePassword,
  };
}

/** /api/auth: sign-in is the one route the session middleware lets through. */
export function createAuthRoutes({
  db,
  env,
  now,
  openFlows: listOpenFlows,
  logger,
  verifyPassword: verify = verifyPassword,
}: AuthRouteDeps) {
  const limiter = createRateLimiter(db, now);
  const policies = signInPolicies(env.abuseLimits.signIn);

  const audit = (
    c: Context<{ Variables: AgentVariables }>,
    event: { agentId: string; outcome: "success" | "failure"; detail?: string },
    action: "sign-in" | "sign-out" = "sign-in",
  ) => recordAuditEvent(db, { ...event, at: now(), action, requestId: c.var.requestId });

  return new OpenAPIHono<{ Variables: AgentVariables }>()
    .openapi(signInRoute, async (c) => {
      const { login, password } = c.req.valid("json");
      const agent = await findAgentByLogin(db, login);
      const auditId = agent?.id ?? UNKNOWN_AGENT_ID;
      // Counted before the hash, not after it: a check before slow work and a
      // count after it let a burst of guesses through (README, Security).
      const attempt = await reserveSignInAttempt(limiter, policies, {
        login,
        ip: clientIp(c, env),
      });
      if (!attempt.allowed) {
        countRateLimitRefusal(
          attempt.detail === "locked" ? "signInFailuresPerLogin" : "signInFailuresPerIp",
        );
        await audit(c, { agentId: auditId, outcome: "failure", detail: attempt.detail });
        throw rateLimited(
          attempt.retryAfterSeconds,
          attempt.detail === "locked" ? "login" : "address",
          "Too many failed sign-ins",
        );
      }

      const passwordOk = await verify(password, agent?.passwordHash ?? DUMMY_HASH);
      if (!agent || !passwordOk) {
        const detail = agent ? "bad_password" : "unknown_login";
        await audit(c, { agentId: auditId, outcome: "failure", detail });
        // Said for unknown logins too (counted the same way), so it tells nothing about which exist.
        throw new ApiProblem("unauthenticated", "Login or password is incorrect", {
          reason: "bad-credentials",
          triesLeft: attempt.triesLeftIfWrong,
        });
      }
      await attempt.passwordRight();
      if (agent.disabled) {
        // Said only to someone who knows the password.
        await audit(c, { agentId: agent.id, outcome: "failure", detail: "disabled" });
        throw new ApiProblem("unauthenticated", "This account is disabled", { reason: "disabled" });
      }

      // A fresh id at every sign-in (no session fixation); the old session, if any, ends.
      const previous = readSessionCookie(c, env);
      if (previous) await deleteSession(db, previous);
      await purgeExpiredSessions(db, now());
      await limiter.purgeExpired();
      writeSessionCookie(c, env, await createSession(db, agent.id, now(), env.session));
      await audit(c, { agentId: agent.id, outcome: "success" });
      // Until a one-time password is changed the start page is closed, and so is its list.
      const openFlows = agent.mustChangePassword
        ? { flows: [], maxAgeMinutes: env.openFlows.maxAgeMinutes }
        : await listOpenFlows(agent.id).catch((error: unknown) => {
            // A list the store cannot give must not keep the agent out: the start page asks again.
            logger.warn(
              { err: error, requestId: c.var.requestId },
              "open flows not sent with the sign-in answer",
            );
            return null;
          });
      return c.json({ agent: publicAgent(agent), openFlows }, 200);
    })
    .openapi(signOutRoute, async (c) => {
      const sessionId = readSessionCookie(c, env);
      if (sessionId) await deleteSession(db, sessionId);
      clearSessionCookie(c, env);
      await audit(c, { agentId: c.var.agent.id, outcome: "success" }, "sign-out");
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json({ agent: publicAgent(c.var.agent) }, 200))
    .openapi(languageRoute, async (c) => {
      const { language } = c.req.valid("json");
      await setAgentLanguage(db, c.var.agent.id, language);
      return c.json({ agent: { ...publicAgent(c.var.agent), language } }, 200);
    });
}
