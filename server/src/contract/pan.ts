import { z } from "zod";

/** PAN: five letters, four digits, one letter; the fourth letter is the holder type (P = person). */
export const panSchema = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/, { error: "pan_format" }));
