import { intlLocales, type Language } from "./i18n.ts";

/**
 * Dates of birth are typed day first (dd/mm/yyyy), the way Indian IDs print
 * them. A native date input follows the browser's locale (mm/dd/yyyy in an
 * en-US Chromium) and once stored "17051990" as 05-12-1990 — so the console
 * parses the digits itself (issue #15 §3).
 */

/** What the agent has typed, as "dd/mm/yyyy" so far: digits only, slashes put in for them. */
export function formatDayFirstTyping(text: string): string {
  const digits = text.replace(/\D/g, "").slice(0, 8);
  const day = digits.slice(0, 2);
  const month = digits.slice(2, 4);
  const year = digits.slice(4);
  return [day, month, year].filter((part, index) => index === 0 || part !== "").join("/");
}

/** "17/05/1990" → "1990-05-17"; undefined unless it is a whole, real calendar date. */
export function isoFromDayFirst(text: string): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) return undefined;
  return iso;
}

/** "1990-05-17" → "17/05/1990" (a restored draft, a server value). */
export function dayFirstFromIso(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** "17 May 1990" / "17 मई 1990": the date read back in words before it is sent. */
export function dateInWords(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocales[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** Born more than 100 years before `today`: possible, but more likely a typo in the year. */
export function isOverHundredYearsAgo(iso: string, today: Date): boolean {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const hundredth = new Date(Date.UTC(year + 100, month - 1, day));
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return hundredth.getTime() < todayUtc;
}
