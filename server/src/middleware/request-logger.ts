import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";
import type { AgentContext } from "./agent-context.ts";
import type { RequestIdVariables } from "./request-id.ts";

/**
 * One line per request: method, path (never the query string, which may hold a
 * mobile number), status, latency, our request id (and the caller's, if it
 * sent one) and agent. Bodies are never
 * logged; they carry OTPs, Aadhaar numbers and passwords.
 */
export function requestLogger(logger: Logger): MiddlewareHandler<{
  Variables: RequestIdVariables & { agent?: AgentContext };
}> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      latencyMs: Math.round(performance.now() - started),
      requestId: c.var.requestId,
      callerRequestId: c.var.callerRequestId,
      agentId: c.var.agent?.id,
    };
    if (status >= 500) logger.error(line, "request");
    else if (status >= 400) logger.warn(line, "request");
    else logger.info(line, "request");
  };
}
