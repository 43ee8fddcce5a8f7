import { z } from "zod";
import type { Identity, Profile } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import { amountSchema, textOf } from "../eko/envelope.ts";

/** `chart[].data_type_id` 10 is the only bucket ever documented (§12.4). */
const USAGE_BUCKET = 10;

const chartSchema = z
  .array(
    z.object({
      data_type_id: z.coerce.number(),
      data: z.object({ used: amountSchema, remaining: amountSchema, unavailable: amountSchema }),
    }),
  )
  .catch([]);

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * §12: `data.customer_profile` of a 309. Money arrives as rupee strings
 * ("5287.0"); `customer_profile.kyc_state` 1 means KYC complete (the top-level
 * `kyc_state` can disagree inside the same payload, §12.2).
 */
export function mapProfile(data: Record<string, unknown>, fallbackMobile: string): Profile {
  const profile = recordOf(data.customer_profile);
  const mobile =
    typeof profile.mobile === "string" && profile.mobile ? profile.mobile : fallbackMobile;
  const bucket = chartSchema
    .parse(profile.chart)
    .find((entry) => entry.data_type_id === USAGE_BUCKET);
  return {
    name: textOf(profile, "name") ?? textOf(data, "sender_name"),
    mobileMasked: maskMobile(mobile),
    balance: amountSchema.parse(profile.balance),
    nextAllowedLimit:
      amountSchema.parse(profile.next_allowed_limit) ?? amountSchema.parse(data.next_allowed_limit),
    totalMonthlyLimit: amountSchema.parse(profile.total_monthly_limit),
    usage: bucket
      ? {
          used: bucket.data.used ?? 0,
          remaining: bucket.data.remaining ?? 0,
          unavailable: bucket.data.unavailable ?? 0,
        }
      : null,
    kyc: amountSchema.parse(profile.kyc_state) === 1 ? "full_kyc" : "non_kyc",
  };
}

const GENDERS = { M: "male", F: "female", T: "transgender" } as const;

/**
 * C.6 identity (§10, "Which shape the console uses"): name, gender M/F/T, dob
 * as sent, Aadhaar reduced to its last four digits — nothing more is kept.
 */
export function mapIdentity(
  data: Record<string, unknown>,
  aadhaarLastFour: string | null,
): Identity | null {
  const name = textOf(data, "name");
  if (!name || data.verified === false) return null;
  const gender = (textOf(data, "gender") ?? "").toUpperCase();
  const maskedDigits = (textOf(data, "masked_aadhaar") ?? "").replace(/\D/g, "");
  const lastFour = maskedDigits.length >= 4 ? maskedDigits.slice(-4) : aadhaarLastFour;
  return {
    name,
    gender: gender in GENDERS ? GENDERS[gender as keyof typeof GENDERS] : null,
    dob: textOf(data, "dob"),
    aadhaarMasked: lastFour ? `XXXX XXXX ${lastFour}` : "XXXX XXXX XXXX",
  };
}
