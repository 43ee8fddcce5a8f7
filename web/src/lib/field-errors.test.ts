import { expect, test } from "vitest";
import { createAppI18n } from "./app-i18n.ts";
import { fieldErrorKeys, fieldErrorMessage } from "./field-errors.ts";
import { activateLanguage } from "./i18n.ts";

const contractSources = import.meta.glob<string>("#contract/*.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every `{ error: "key" }` the shared zod schemas can produce. */
function contractErrorKeys(): string[] {
  const keys = new Set<string>();
  for (const source of Object.values(contractSources)) {
    for (const match of source.matchAll(/error: "(\w+)"/g)) keys.add(match[1] as string);
  }
  return [...keys].sort();
}

test("every error key in the contract schemas has words", () => {
  const keys = contractErrorKeys();
  expect(keys).toContain("mobile_invalid");
  expect(keys.filter((key) => !fieldErrorKeys.includes(key))).toEqual([]);
});

test("keys are translated in both languages; unknown keys get a generic hint", async () => {
  const i18n = createAppI18n();
  expect(fieldErrorMessage(i18n, "dob_under_18")).toBe(
    "The customer must be at least 18 years old.",
  );
  expect(fieldErrorMessage(i18n, "Invalid input: expected string")).toBe("Check this field.");
  expect(fieldErrorMessage(i18n, undefined)).toBeUndefined();
  await activateLanguage(i18n, "hi");
  expect(fieldErrorMessage(i18n, "dob_under_18")).toBe("ग्राहक की उम्र कम से कम 18 साल होनी चाहिए।");
});
