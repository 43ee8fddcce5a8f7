import { intlLocales, type Language } from "./i18n.ts";

/**
 * ₹ with Indian digit grouping: ₹12,450.50, ₹50,000, ₹1,25,000. Paise are
 * shown only when there are any, the way agents write amounts.
 */
export function formatMoney(rupees: number, language: Language): string {
  const whole = Number.isInteger(rupees);
  return new Intl.NumberFormat(intlLocales[language], {
    style: "currency",
    currency: "INR",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(rupees);
}

/**
 * Shop time: India's, whatever time zone the counter PC is set to, and the
 * 24-hour clock in both languages. hi-IN would otherwise print a Latin "am"
 * inside Hindi text (Intl's Hindi data), and a 24-hour time reads the same
 * to the agent, the customer and the support desk.
 */
const shopTime = { timeZone: "Asia/Kolkata", hourCycle: "h23" } as const;

/** "23 Nov 2026" / "23 नव॰ 2026": day first, IST. */
export function formatDate(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocales[language], {
    dateStyle: "medium",
    timeZone: shopTime.timeZone,
  }).format(new Date(value));
}

/** "23 Nov 2026, 22:42" / "23 नव॰ 2026, 22:42" (IST). */
export function formatDateTime(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocales[language], {
    dateStyle: "medium",
    timeStyle: "short",
    ...shopTime,
  }).format(new Date(value));
}

/** "22:42:05" (IST): for OTP messages that arrive seconds apart. */
export function formatTime(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocales[language], {
    timeStyle: "medium",
    ...shopTime,
  }).format(new Date(value));
}

/** Countdown text "4:05" (m:ss); hours are never needed for OTP timers. */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** yyyy-mm-dd in the browser's local calendar, for `<input type="date">` bounds. */
export function isoDateLocal(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The latest date of birth that is 18 today (the onboarding schema's rule). */
export function latestAdultDob(today: Date): string {
  const date = new Date(today.getFullYear() - 18, today.getMonth(), today.getDate());
  // 29 Feb in a year that has none rolls over to 1 Mar: step back to 28 Feb.
  if (date.getMonth() !== today.getMonth()) date.setDate(0);
  return isoDateLocal(date);
}
