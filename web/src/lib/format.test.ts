import { expect, test } from "vitest";
import { formatCountdown, formatMoney, latestAdultDob } from "./format.ts";

test("rupees use Indian grouping and show paise only when there are any", () => {
  expect(formatMoney(12450.5, "en")).toBe("₹12,450.50");
  expect(formatMoney(50000, "en")).toBe("₹50,000");
  expect(formatMoney(125000, "en")).toBe("₹1,25,000");
  expect(formatMoney(0, "en")).toBe("₹0");
  expect(formatMoney(1234567.89, "hi")).toBe("₹12,34,567.89");
});

test("countdowns read m:ss and never go negative", () => {
  expect(formatCountdown(272)).toBe("4:32");
  expect(formatCountdown(59.2)).toBe("1:00");
  expect(formatCountdown(-3)).toBe("0:00");
});

test("the latest date of birth allowed is exactly 18 years back", () => {
  expect(latestAdultDob(new Date(2026, 10, 23))).toBe("2008-11-23");
  // 29 February in a year that has none: 28 February, not 1 March.
  expect(latestAdultDob(new Date(2028, 1, 29))).toBe("2010-02-28");
});
