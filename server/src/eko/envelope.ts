import { z } from "zod";

/**
 * Eko's JSON envelope (eko-api.md §6), parsed defensively (§13): numbers may
 * arrive as strings ("2129", "50000.0"), `data` may be absent, `{}` or
 * something else entirely, and `message` may be missing.
 */

const integerLike = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.0+)?$/)
    .transform((value) => Math.trunc(Number(value))),
]);

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const rawEnvelopeSchema = z.object({
  status: integerLike.optional().catch(undefined),
  response_status_id: integerLike.optional().catch(undefined),
  response_type_id: integerLike,
  message: z.string().nullish().catch(null),
  data: z.unknown().optional(),
  invalid_params: z.unknown().optional(),
});

export type EkoAnswer = {
  status: number | null;
  responseStatusId: number | null;
  responseTypeId: number;
  message: string;
  data: Record<string, unknown>;
  /** Field → reason, only on `response_type_id: -1` (§6.4). */
  invalidParams: Record<string, string>;
};

export const envelopeSchema = rawEnvelopeSchema.transform(
  (raw): EkoAnswer => ({
    status: raw.status ?? null,
    responseStatusId: raw.response_status_id ?? null,
    responseTypeId: raw.response_type_id,
    message: raw.message ?? "",
    data: asRecord(raw.data),
    invalidParams: Object.fromEntries(
      Object.entries(asRecord(raw.invalid_params)).map(([field, reason]) => [
        field,
        String(reason),
      ]),
    ),
  }),
);

/**
 * `otp_ref_id` is documented as an integer but is an opaque string of any
 * length in every real sample (§13): forwarded verbatim, never parsed.
 */
export const opaqueString = z.union([z.string(), z.number().transform(String)]);

/** `intent_id`: request "19"/"20", response 19/20 or "" (§13). */
export const intentIdSchema = z
  .union([z.number(), z.string()])
  .transform((value) => String(value).trim())
  .pipe(z.enum(["19", "20", ""]))
  .catch("");

/** Money and limits: "50000.0", 5287, "0.00" (§12.1). Rupees, not paise. */
export const amountSchema = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined || value === "") return null;
    const amount = Number(value);
    return Number.isFinite(amount) ? amount : null;
  })
  .catch(null);

/** The non-empty `otp_ref_id` of a 2129 answer, or null. */
export function otpRefIdOf(data: Record<string, unknown>): string | null {
  const parsed = opaqueString.safeParse(data.otp_ref_id);
  return parsed.success && parsed.data !== "" ? parsed.data : null;
}

/** A non-empty string field of `data` (wallet_token, wallet_id, description …). */
export function textOf(data: Record<string, unknown>, field: string): string | null {
  const parsed = opaqueString.safeParse(data[field]);
  return parsed.success && parsed.data !== "" ? parsed.data : null;
}

export function numberOf(data: Record<string, unknown>, field: string): number | null {
  return amountSchema.parse(data[field]);
}
