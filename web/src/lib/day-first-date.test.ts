import { expect, test } from "vitest";
import {
  dateInWords,
  dayFirstFromIso,
  formatDayFirstTyping,
  isOverHundredYearsAgo,
  isoFromDayFirst,
} from "./day-first-date.ts";

test("typed digits become dd/mm/yyyy as they come, anything else is dropped", () => {
  expect(formatDayFirstTyping("1")).toBe("1");
  expect(formatDayFirstTyping("17")).toBe("17");
  expect(formatDayFirstTyping("170")).toBe("17/0");
  expect(formatDayFirstTyping("17051990")).toBe("17/05/1990");
  expect(formatDayFirstTyping("17-05-1990")).toBe("17/05/1990");
  expect(formatDayFirstTyping("17/05/19901")).toBe("17/05/1990");
  expect(formatDayFirstTyping("17/")).toBe("17");
});

test("day-first text parses as day first, and only real dates parse", () => {
  expect(isoFromDayFirst("17/05/1990")).toBe("1990-05-17");
  expect(isoFromDayFirst("05/12/1990")).toBe("1990-12-05");
  expect(isoFromDayFirst("31/02/1990")).toBeUndefined();
  expect(isoFromDayFirst("17/13/1990")).toBeUndefined();
  expect(isoFromDayFirst("17/05/90")).toBeUndefined();
  expect(dayFirstFromIso("1990-05-17")).toBe("17/05/1990");
});

test("the date is read back in words in both languages", () => {
  expect(dateInWords("1990-05-17", "en")).toBe("17 May 1990");
  expect(dateInWords("1990-05-17", "hi")).toBe("17 मई 1990");
});

test("a birth date more than 100 years back is flagged", () => {
  const today = new Date(2026, 11, 1);
  expect(isOverHundredYearsAgo("1926-11-30", today)).toBe(true);
  expect(isOverHundredYearsAgo("1926-12-01", today)).toBe(false);
  expect(isOverHundredYearsAgo("1990-05-17", today)).toBe(false);
});
