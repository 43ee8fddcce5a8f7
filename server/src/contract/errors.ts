import { z } from "zod";

/**
 * Every error the console API answers with. The web translates `code`; the
 * server's `message` is for logs and developers, never the only thing shown.
 */
export const errorCodes = [
  "bad_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "csrf_rejected",
  "not_found",
  "conflict",
  "flow_busy",
  "step_not_allowed",
  "payload_too_large",
  "request_timeout",
  "unsupported_media_type",
  "rate_limited",
  "otp_locked",
  "upstream_timeout",
  "upstream_unavailable",
  "upstream_auth_failed",
  "upstream_bad_response",
  "upstream_unknown_state",
  "upstream_rejected",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** What a 429's limit counts, so the UI can say what it is about. */
export const limitScopes = ["customer_mobile", "agent", "login", "address"] as const;
export type LimitScope = (typeof limitScopes)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    requestId: z.string(),
    /** Field errors (`fields`: path → error key), retry hints (`retryAfterSeconds`), Eko's code. */
    details: z
      .object({
        fields: z.record(z.string(), z.string()).optional(),
        /** A wrong sign-in: wrong passwords left before the login locks. */
        triesLeft: z.number().int().optional(),
        retryAfterSeconds: z.number().int().optional(),
        ekoResponseTypeId: z.number().int().optional(),
        /** Why, when the code alone is not enough: a 401's `idle-timeout` vs `no-session`. */
        reason: z.string().optional(),
        /** A 429's limit: what it counts (the customer's mobile, the agent, a login, an address). */
        scope: z.enum(limitScopes).optional(),
      })
      .optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
