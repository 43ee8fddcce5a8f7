import { Hono, type MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Env } from "../env.ts";
import { nodeResponseOf } from "./node-response.ts";

/**
 * A strict CSP: the built SPA loads only its own scripts, styles and fonts and
 * talks only to its own origin, so an injected script has nowhere to load
 * from or send to. HSTS only when agents reach us over https (PUBLIC_ORIGIN):
 * on plain-http localhost it would break the next http visit.
 *
 * hono's `secureHeaders` decides the headers; served by Node, they are the
 * same on every response, so they are read off it once and set on the Node
 * response before the route (node-response.ts). No route sets one of them.
 */
export function securityHeaders(env: Pick<Env, "publicOrigin">): MiddlewareHandler {
  const https = env.publicOrigin?.startsWith("https:") ?? false;
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    xContentTypeOptions: "nosniff",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    strictTransportSecurity: https ? "max-age=31536000; includeSubDomains" : false,
    overwrite: false,
  });
  const decided = headersOf(secure);
  let fixed: [string, string][] | undefined;
  return async (c, next) => {
    const outgoing = nodeResponseOf(c);
    if (!outgoing) return secure(c, next);
    fixed ??= await decided;
    for (const [name, value] of fixed) outgoing.setHeader(name, value);
    await next();
  };
}

/** What the middleware sets on an empty response (no per-request parts: no nonce). */
async function headersOf(middleware: MiddlewareHandler): Promise<[string, string][]> {
  const probe = new Hono().use(middleware).get("/", (c) => c.body(null, 204));
  const response = await probe.request("/");
  return [...response.headers.entries()];
}
