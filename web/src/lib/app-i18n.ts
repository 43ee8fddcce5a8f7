import type { I18n } from "@lingui/core";
import { messages as appEnglish } from "../locales/en/messages.po";
import { addEnglish, createI18n } from "./i18n.ts";

/** A Lingui instance with all of the app's English (lib/i18n.ts has the first screen's only). */
export function createAppI18n(): I18n {
  return createI18n(appEnglish);
}

/** Adds the rest of the app's English to the first screen's instance, once the app has loaded. */
export function completeEnglish(i18n: I18n): void {
  addEnglish(i18n, appEnglish);
}
