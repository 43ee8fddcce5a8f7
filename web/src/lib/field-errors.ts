import type { I18n, MessageDescriptor } from "@lingui/core";

/**
 * The contract's zod schemas and the server's 422 `details.fields` carry error
 * keys ("mobile_invalid"), not sentences; these are their words.
 */
const fieldErrors: Record<string, MessageDescriptor> = {
  mobile_invalid: { id: "field.mobile_invalid" },
  aadhaar_format: { id: "field.aadhaar_format" },
  aadhaar_checksum: { id: "field.aadhaar_checksum" },
  otp_format: { id: "field.otp_format" },
  consent_required: { id: "field.consent_required" },
  name_required: { id: "field.name_required" },
  name_too_long: { id: "field.name_too_long" },
  name_letters_only: { id: "field.name_letters_only" },
  dob_invalid: { id: "field.dob_invalid" },
  dob_under_18: { id: "field.dob_under_18" },
  address_line_required: { id: "field.address_line_required" },
  too_long: { id: "field.too_long" },
  city_required: { id: "field.city_required" },
  state_required: { id: "field.state_required" },
  pincode_invalid: { id: "field.pincode_invalid" },
  pan_format: { id: "field.pan_format" },
  login_required: { id: "field.login_required" },
  login_invalid: { id: "field.login_invalid" },
  password_required: { id: "field.password_required" },
  password_invalid: { id: "field.password_invalid" },
  password_too_short: { id: "field.password_too_short" },
  password_unchanged: { id: "field.password_unchanged" },
  password_wrong: { id: "field.password_wrong" },
  name_invalid: { id: "field.name_invalid" },
  agent_name_required: { id: "field.agent_name_required" },
  agent_name_too_long: { id: "field.agent_name_too_long" },
  agent_login_invalid: { id: "field.agent_login_invalid" },
  login_taken: { id: "field.login_taken" },
  user_code_required: { id: "field.user_code_required" },
  user_code_invalid: { id: "field.user_code_invalid" },
  date_invalid: { id: "field.date_invalid" },
  date_range_invalid: { id: "field.date_range_invalid" },
  search_invalid: { id: "field.search_invalid" },
  consent_outdated: { id: "field.consent_outdated" },
  consent_language: { id: "field.consent_language" },
  consent_given: { id: "field.consent_given" },
  required: { id: "field.required" },
};

export const fieldErrorKeys = Object.keys(fieldErrors);

/** Unknown keys (a zod default message, a newer server) fall back to a generic hint. */
export function fieldErrorMessage(i18n: I18n, key: string | undefined): string | undefined {
  if (key === undefined || key === "") return undefined;
  return i18n._(fieldErrors[key] ?? { id: "field.invalid" });
}
