import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Env } from "../env.ts";

/**
 * A strict CSP: the built SPA loads only its own scripts, styles and fonts and
 * talks only to its own origin, so an injected script has nowhere to load
 * from or send to. HSTS only when agents reach us over https (PUBLIC_ORIGIN):
 * on plain-http localhost it would break the next http visit.
 */
export function securityHeaders(env: Pick<Env, "publicOrigin">): MiddlewareHandler {
  const https = env.publicOrigin?.startsWith("https:") ?? false;
  return secureHeaders({
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
  });
}
