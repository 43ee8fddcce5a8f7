import type { MiddlewareHandler } from "hono";
import { requestId as honoRequestId } from "hono/request-id";

/**
 * Keeps a caller's X-Request-Id when it is short and plain (letters, digits,
 * `_`, `-`, `=`; at most 128), so one id follows a request through a proxy;
 * anything else gets a fresh UUID. Set on `c.var.requestId` and echoed on
 * every response, error responses included.
 */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  const assign = honoRequestId({ limitLength: 128 });
  return async (c, next) => {
    await assign(c, next);
    if (!c.res.headers.has("X-Request-Id")) c.res.headers.set("X-Request-Id", c.var.requestId);
  };
}
