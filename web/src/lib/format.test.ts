import { expect, test } from "vitest";
import {
  formatCountdown,
  formatDate,
  formatDateTime,
  formatMoney,
  formatTime,
  latestAdultDob,
} from "./format.ts";

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

test("times are India's (IST), day first and 24-hour in both languages, whatever the PC's zone", () => {
  // 18:45 UTC on 1 Dec is already 2 Dec, 00:15 in India.
  const at = "2026-12-01T18:45:05.000Z";
  expect(formatDate(at, "en")).toBe("2 Dec 2026");
  expect(formatDateTime(at, "en")).toBe("2 Dec 2026, 00:15");
  expect(formatDateTime(at, "hi")).toBe("2 दिस॰ 2026, 00:15");
  expect(formatTime(at, "en")).toBe("00:15:05");
  expect(formatTime("2026-12-01T10:00:00.000Z", "hi")).toBe("15:30:00");
  expect(formatDateTime("2026-12-01T10:00:00.000Z", "hi")).not.toMatch(/am|pm/i);
});
