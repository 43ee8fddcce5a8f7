import { verhoeffValid } from "../contract/aadhaar.ts";
import { mobilePattern } from "../contract/mobile.ts";
import { panSchema } from "../contract/pan.ts";
import { isConsentLanguage } from "./consent.ts";
import { type Params, text, textList } from "./request.ts";
import type { Operation, RouteDef } from "./routes.ts";

/*
 * Required-parameter checks (eko-api.md §5.1, §14.1 item 3). A failure is the
 * §6.4 envelope with `invalid_params: { field: reason }`. Where sources
 * disagree on required-ness (§15.6) the sandbox takes the stricter one, except
 * `otp_ref_id` on the legacy PUT verify, which never had it (§8 A.4).
 */

const VERIFY_OPS: ReadonlySet<Operation> = new Set(["verify-otp", "aadhaar-verify"]);

function ageOn(dob: string, today: Date): number {
  const [year, month, day] = dob.split("-").map(Number) as [number, number, number];
  const beforeBirthday =
    today.getUTCMonth() + 1 < month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  return today.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

function dobProblem(dob: string | undefined, now: number): string | null {
  if (!dob) return "dob is required";
  const date = new Date(`${dob}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dob) || Number.isNaN(date.getTime())) {
    return "dob must be a date in YYYY-MM-DD format";
  }
  if (!date.toISOString().startsWith(dob)) return "dob must be a date in YYYY-MM-DD format";
  const age = ageOn(dob, new Date(now));
  if (age < 18) return "Must be over 18 years";
  if (age > 120) return "dob must be a date in YYYY-MM-DD format";
  return null;
}

/** Which intent_id the endpoint wants: required / allowed values. */
function intentRule(
  op: Operation,
  route: RouteDef,
): { required: boolean; allowed: string[] } | null {
  if (route.op === "verify-by-intent") return { required: true, allowed: ["19", "20"] };
  if (op === "verify-otp") return { required: route.rail === "levin", allowed: ["19"] };
  if (op === "aadhaar-verify") return { required: false, allowed: ["20"] };
  return null;
}

export function validateCall(input: {
  op: Operation;
  route: RouteDef;
  params: Params;
  customerId: string;
  now: number;
}): Record<string, string> {
  const { op, route, params, customerId, now } = input;
  const invalid: Record<string, string> = {};

  const initiatorId = text(params, "initiator_id");
  if (!initiatorId) invalid.initiator_id = "initiator_id is required";
  else if (!/^\d{10}$/.test(initiatorId)) invalid.initiator_id = "Invalid initiator_id";
  if (!text(params, "user_code")) invalid.user_code = "user_code is required";

  if (!customerId) invalid.customer_id = "customer_id is required";
  else if (!mobilePattern.test(customerId)) invalid.customer_id = "Invalid mobile number";

  const clientRefId = text(params, "client_ref_id");
  const consentOp = op === "consent-languages" || op === "consent-details";
  if (clientRefId && clientRefId.length > 20) {
    invalid.client_ref_id = "client_ref_id must be at most 20 characters";
  } else if (!clientRefId && consentOp) {
    invalid.client_ref_id = "client_ref_id is required";
  }

  const serviceCode = text(params, "service_code");
  if (serviceCode !== undefined && !/^\d+$/.test(serviceCode)) {
    invalid.service_code = "service_code must be a number";
  }

  const intent = intentRule(op, route);
  const intentId = text(params, "intent_id");
  if (intent && intentId === undefined && intent.required) {
    invalid.intent_id = "intent_id is required";
  } else if (intent && intentId !== undefined && !intent.allowed.includes(intentId)) {
    invalid.intent_id = `intent_id must be ${intent.allowed.join(" or ")} on this endpoint`;
  }

  if (VERIFY_OPS.has(op)) {
    const otp = text(params, "otp");
    if (!otp) invalid.otp = "otp is required";
    else if (!/^\d{1,10}$/.test(otp)) invalid.otp = "otp must be numeric";
    const refOptional = route.family === "legacy" && route.rail === "customer-account";
    if (!text(params, "otp_ref_id") && !refOptional) invalid.otp_ref_id = "otp_ref_id is required";
  }

  if (op === "onboard") {
    const name = text(params, "name")?.trim();
    if (!name) invalid.name = "name is required";
    // Eko business code 132's wording.
    else if (!/^[A-Za-z][A-Za-z .']{0,79}$/.test(name)) {
      invalid.name = "Sender name should only contain letters";
    }
    const dob = dobProblem(text(params, "dob"), now);
    if (dob) invalid.dob = dob;
    const address = textList(params, "residence_address");
    if (address === undefined) invalid.residence_address = "residence_address is required";
    else if (address === "invalid" || !address.some((line) => line.trim() !== "")) {
      invalid.residence_address = "residence_address must be an array of strings";
    }
  }

  if (op === "aadhaar-otp") {
    // Eko spells the field `aadhar` (§9 B.7).
    const aadhar = text(params, "aadhar");
    if (!aadhar) invalid.aadhar = "aadhar is required";
    else if (!/^\d{12}$/.test(aadhar)) invalid.aadhar = "aadhar must be 12 digits";
    else if (!/^[2-9]/.test(aadhar) || !verhoeffValid(aadhar)) {
      invalid.aadhar = "Invalid Aadhaar number";
    }
  }

  if (op === "pan") {
    const pan = text(params, "pan_number");
    if (!pan) invalid.pan_number = "pan_number is required";
    else if (!panSchema.safeParse(pan).success) invalid.pan_number = "Invalid PAN format";
  }

  if (op === "consent-details") {
    const language = text(params, "consent_language");
    if (!language) invalid.consent_language = "consent_language is required";
    else if (!isConsentLanguage(language)) invalid.consent_language = "Unknown consent_language";
  }

  return invalid;
}
