import { z } from "zod";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function ageOn(dob: string, today: Date): number {
  const [year, month, day] = dob.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

function isRealDate(dob: string): boolean {
  const date = new Date(`${dob}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(dob);
}

/**
 * Onboard Customer / Sender (eko-api.md §8 A.2, §9 B.2, §10 C.2): the same
 * three fields on every rail. The name must match the customer's ID exactly,
 * or later transactions fail, so it is kept as typed (trimmed, single-spaced).
 */
export const onboardingSchema = z.object({
  name: z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(1, { error: "name_required" })
        .max(80, { error: "name_too_long" })
        // Eko business code 132: "Sender name should only contain letters".
        .regex(/^[A-Za-z][A-Za-z .']*$/, { error: "name_letters_only" }),
    ),
  dob: z
    .string()
    .regex(ISO_DATE, { error: "dob_invalid" })
    .refine(isRealDate, { error: "dob_invalid" })
    .refine((dob) => ageOn(dob, new Date()) >= 18, { error: "dob_under_18" })
    .refine((dob) => ageOn(dob, new Date()) <= 120, { error: "dob_invalid" }),
  address: z.object({
    line: z
      .string()
      .trim()
      .min(1, { error: "address_line_required" })
      .max(120, { error: "too_long" }),
    city: z.string().trim().min(1, { error: "city_required" }).max(60, { error: "too_long" }),
    state: z.string().trim().min(1, { error: "state_required" }).max(60, { error: "too_long" }),
    pincode: z
      .string()
      .trim()
      .regex(/^[1-9]\d{5}$/, { error: "pincode_invalid" }),
  }),
});
export type Onboarding = z.infer<typeof onboardingSchema>;
export type OnboardingInput = z.input<typeof onboardingSchema>;
