import { z } from "zod";

/**
 * Agents paste numbers from SMS, contacts and WhatsApp: "+91 98765 43210",
 * "098765-43210", "919876543210". Everything but digits is dropped, then a
 * leading 91 or 0 on an over-long number; what is left must be an Indian
 * mobile (10 digits starting 6–9).
 */
export function normaliseMobile(input: string): string {
  const digits = input.replace(/\D/g, "");
  if (digits.length === 12 && digits.startsWith("91")) return digits.slice(2);
  if (digits.length === 11 && digits.startsWith("0")) return digits.slice(1);
  return digits;
}

export const mobilePattern = /^[6-9]\d{9}$/;

export const mobileSchema = z
  .string()
  .max(32, { error: "mobile_invalid" })
  .transform(normaliseMobile)
  .pipe(z.string().regex(mobilePattern, { error: "mobile_invalid" }));

/** "••••••3210": enough for the customer to recognise their number, no more. */
export function maskMobile(mobile: string): string {
  return `••••••${mobile.slice(-4)}`;
}
