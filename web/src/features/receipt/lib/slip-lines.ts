import type { I18n } from "@lingui/core";
import { formatDateTime, formatMoney } from "../../../lib/format.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { railNames } from "../../flow/components/rail-names.ts";
import type { SlipModel } from "./slip-model.ts";
import { kycTexts, outcomeTexts } from "./slip-texts.ts";

export type SlipLine = { key: string; label: string; value: string };

/**
 * The slip as label/value lines in the agent's language: the printed slip
 * and the shared text are both made from these, so they cannot disagree.
 */
export function slipLines(model: SlipModel, i18n: I18n): SlipLine[] {
  const language = currentLanguage(i18n);
  const money = (amount: number | null) =>
    amount === null ? i18n._("profile.not_given") : formatMoney(amount, language);
  const lines: Array<SlipLine | null> = [
    // A next step carries no name (Eko sends none before the profile): no line rather than a guess.
    model.customerName
      ? { key: "name", label: i18n._("slip.customer"), value: model.customerName }
      : null,
    { key: "mobile", label: i18n._("profile.mobile"), value: model.mobileMasked },
    model.aadhaarMasked
      ? { key: "aadhaar", label: i18n._("identity.aadhaar"), value: model.aadhaarMasked }
      : null,
    { key: "rail", label: i18n._("slip.service"), value: i18n._(railNames[model.rail]) },
    { key: "outcome", label: i18n._("slip.outcome"), value: i18n._(outcomeTexts[model.outcome]) },
    { key: "kyc", label: i18n._("slip.kyc"), value: i18n._(kycTexts[model.kyc]) },
  ];
  if (model.money) {
    lines.push(
      { key: "balance", label: i18n._("profile.balance"), value: money(model.money.balance) },
      {
        key: "next",
        label: i18n._("profile.next_allowed_limit"),
        value: money(model.money.nextAllowedLimit),
      },
    );
    if (model.money.totalMonthlyLimit !== null) {
      lines.push({
        key: "monthly",
        label: i18n._("profile.total_monthly_limit"),
        value: money(model.money.totalMonthlyLimit),
      });
    }
    if (model.money.usage) {
      lines.push({
        key: "used",
        label: i18n._("slip.used_this_month"),
        value: money(model.money.usage.used),
      });
    }
    lines.push({
      key: "as_of",
      label: i18n._("slip.as_of"),
      value: formatDateTime(model.asOf, language),
    });
  }
  lines.push(
    { key: "agent", label: i18n._("slip.agent"), value: model.agentName },
    { key: "user_code", label: i18n._("slip.user_code"), value: model.agentUserCode },
    {
      key: "time",
      label: i18n._("slip.time"),
      value: i18n._("slip.time_ist", { time: formatDateTime(model.issuedAt, language) }),
    },
    { key: "reference", label: i18n._("slip.reference"), value: model.reference },
  );
  return lines.filter((line): line is SlipLine => line !== null);
}

/** The plain text Share sends (WhatsApp, SMS): a title, the lines, the reference to quote. */
export function slipShareText(model: SlipModel, i18n: I18n): string {
  const body = slipLines(model, i18n).map((line) => `${line.label}: ${line.value}`);
  return [i18n._("slip.title"), ...body].join("\n");
}
