import { expect, test } from "vitest";
import { amountSchema, envelopeSchema, intentIdSchema, otpRefIdOf, textOf } from "./envelope.ts";

test("a 2129 with the real 88-char base64 otp_ref_id stays an opaque string", () => {
  const ref =
    "IXrygqm0vTNbN35Lp5AfcbP69ifPhQ1Ee3u74AHY5fA9aMp2d94Yii3g+9fOBmbMsVTuaEQpDOEateP4tSTkQw==";
  const answer = envelopeSchema.parse({
    response_status_id: 1,
    data: { intent_id: 19, kyc_request_id: "", otp_ref_id: ref },
    response_type_id: 2129,
    message: "Validate the OTP",
    status: 2129,
  });
  expect(answer).toMatchObject({ status: 2129, responseStatusId: 1, responseTypeId: 2129 });
  expect(otpRefIdOf(answer.data)).toBe(ref);
});

test.each([
  ["UUID", "af39bb86-6e3d-49e7-bfc1-b7c0cc5ef817"],
  ["tilde-joined", "8617567988~8617567988~Channel4~4202888~4202888"],
  ["numeric string with leading zero", "0666803844"],
  ["160-char", "x".repeat(160)],
])("otp_ref_id %s is kept verbatim", (_kind, ref) => {
  expect(otpRefIdOf({ otp_ref_id: ref })).toBe(ref);
});

test("a numeric otp_ref_id (the documented type) becomes its string, never a number", () => {
  expect(otpRefIdOf({ otp_ref_id: 66748392 })).toBe("66748392");
  expect(otpRefIdOf({ otp_ref_id: "" })).toBeNull();
  expect(otpRefIdOf({})).toBeNull();
});

test("numbers sent as strings are read as numbers (§13)", () => {
  const answer = envelopeSchema.parse({
    status: "0",
    response_status_id: "-1",
    response_type_id: "309",
  });
  expect(answer).toMatchObject({
    status: 0,
    responseStatusId: -1,
    responseTypeId: 309,
    message: "",
  });
});

test("missing or odd data becomes an empty object; odd status fields are dropped, not fatal", () => {
  const bare = envelopeSchema.parse({
    response_status_id: 1,
    response_type_id: 2136,
    message: "Aadhar Validation Pending",
    status: 2136,
  });
  expect(bare.data).toEqual({});
  const odd = envelopeSchema.parse({
    response_type_id: 2136,
    data: "",
    status: "n/a",
    message: null,
  });
  expect(odd).toMatchObject({ data: {}, status: null, message: "" });
});

test("invalid_params reasons are kept per field (§6.4)", () => {
  const answer = envelopeSchema.parse({
    status: 461,
    response_status_id: 1,
    response_type_id: -1,
    message: "bad",
    invalid_params: { name: "Name too long", dob: "Must be over 18 years" },
  });
  expect(answer.invalidParams).toEqual({ name: "Name too long", dob: "Must be over 18 years" });
});

test("an answer without response_type_id is not an envelope", () => {
  expect(envelopeSchema.safeParse({ status: 0, message: "ok" }).success).toBe(false);
  expect(envelopeSchema.safeParse("<html>").success).toBe(false);
  expect(envelopeSchema.safeParse({ response_type_id: "abc" }).success).toBe(false);
});

test('intent_id arrives as 19, "20" or ""', () => {
  expect(intentIdSchema.parse(19)).toBe("19");
  expect(intentIdSchema.parse("20")).toBe("20");
  expect(intentIdSchema.parse("")).toBe("");
  expect(intentIdSchema.parse("banana")).toBe("");
});

test("money strings are rupees as numbers; junk is null", () => {
  expect(amountSchema.parse("50000.0")).toBe(50000);
  expect(amountSchema.parse("0.00")).toBe(0);
  expect(amountSchema.parse(5287)).toBe(5287);
  expect(amountSchema.parse("")).toBeNull();
  expect(amountSchema.parse("n/a")).toBeNull();
  expect(amountSchema.parse(undefined)).toBeNull();
});

test('textOf ignores empty strings (wallet_id is "" in every sample)', () => {
  expect(textOf({ wallet_id: "" }, "wallet_id")).toBeNull();
  expect(textOf({ wallet_token: "eyJ.x.y" }, "wallet_token")).toBe("eyJ.x.y");
});
