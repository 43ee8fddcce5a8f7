import { expect, test } from "vitest";
import type { FlowView, Step } from "../contract/flow-view.ts";
import { consentDigest } from "../flows/digikhata.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { createFlowRepository } from "../store/flow-repository.ts";
import { loadStateKey } from "../store/sealed-box.ts";
import { flowHarnesses, type Harness, PAN, TEST_AGENT } from "../test-support/flow-harness.ts";

/*
 * DigiKhata Aadhaar KYC through the console API against the sandbox
 * (eko-api.md §9 B.0b): 2136 → consent languages (B.5) → consent text (B.6)
 * → consent accepted → Aadhaar (B.7) → Aadhaar OTP (B.8) → PAN (B.9) → 309.
 */

const harness = flowHarnesses();
const MOBILE = "9000000004"; // Aadhaar validation pending (Rahul Verma)
type ConsentStep = Extract<Step, { kind: "consent" }>;

async function atConsent(h: Harness, mobile = MOBILE): Promise<FlowView> {
  const view = await h.start("digikhata", mobile);
  const otp = await h.latestOtp(mobile, "digikhata");
  const verified = await h.api("POST", `/${view.id}/otp/verify`, { otp });
  expect(verified.status).toBe(200);
  return verified.json as FlowView;
}

async function consentIn(h: Harness, view: FlowView, languageId: string) {
  const shown = await h.api("POST", `/${view.id}/consent/language`, { languageId });
  expect(shown.status, JSON.stringify(shown.json)).toBe(200);
  return shown.json as FlowView;
}

async function atAadhaar(h: Harness, audioPlayed = false): Promise<FlowView> {
  const shown = await consentIn(h, await atConsent(h), "1");
  const text = (shown.step as ConsentStep).text;
  const accepted = await h.api("POST", `/${shown.id}/consent`, {
    accepted: true,
    textSha256: text?.textSha256,
    audioPlayed,
  });
  expect(accepted.status).toBe(200);
  return accepted.json as FlowView;
}

async function sealedSecrets(h: Harness, flowId: string) {
  const repo = createFlowRepository(h.db, {
    stateKey: () => loadStateKey(h.env),
    now: h.clock.now,
  });
  return (await repo.get(flowId, TEST_AGENT))?.secrets;
}

test("2136 → the consent step with Eko's 13 languages (B.5), then the text in the chosen one (B.6)", async () => {
  const h = await harness();
  const view = await atConsent(h);
  const step = view.step as ConsentStep;
  expect(step.kind).toBe("consent");
  expect(step.text).toBeNull();
  expect(step.languages).toHaveLength(13);
  expect(step.languages).toContainEqual({ id: "4", name: "Hindi" });

  const hindi = (await consentIn(h, view, "4")).step as ConsentStep;
  expect(hindi.text).toMatchObject({ languageId: "4", language: "Hindi", audio: true });
  expect(hindi.text?.content).toMatch(/पेपॉइंट/);
  expect(hindi.text?.textSha256).toBe(
    consentDigest(hindi.text?.content ?? "", hindi.text?.statement ?? ""),
  );
  // The customer may switch language on the same step.
  const english = (await consentIn(h, view, "1")).step as ConsentStep;
  expect(english.text).toMatchObject({ language: "English" });
  expect(english.text?.textSha256).not.toBe(hindi.text?.textSha256);
  // The B.5 / B.6 calls carried client_ref_id and org_id (required, §9).
  const consentCalls = (await h.requests()).filter((entry) => entry.path.includes("/consent/"));
  // The request log lists the newest first.
  expect(consentCalls.map((entry) => entry.response_type_id)).toEqual([2446, 2446, 2444]);
  expect(consentCalls.every((entry) => entry.client_ref_id?.startsWith("B"))).toBe(true);
});

test("a language Eko did not list, or a malformed id → 422 on languageId; the step stays", async () => {
  const h = await harness();
  const view = await atConsent(h);
  for (const languageId of ["99", "x"]) {
    const refused = await h.api("POST", `/${view.id}/consent/language`, { languageId });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.fields).toHaveProperty("languageId");
  }
  expect((await h.api("GET", `/${view.id}`)).json.step).toEqual(view.step);
});

test("accepting a consent text other than the one shown → 422 consent_outdated; unaccepted → 422", async () => {
  const h = await harness();
  const shown = await consentIn(h, await atConsent(h), "1");
  const stale = await h.api("POST", `/${shown.id}/consent`, {
    accepted: true,
    textSha256: "0".repeat(64),
    audioPlayed: false,
  });
  expect(stale.status).toBe(422);
  expect(stale.json.error.details.fields).toEqual({ textSha256: "consent_outdated" });
  const unaccepted = await h.api("POST", `/${shown.id}/consent`, {
    accepted: false,
    textSha256: (shown.step as ConsentStep).text?.textSha256,
    audioPlayed: false,
  });
  expect(unaccepted.status).toBe(422);
  expect(unaccepted.json.error.details.fields).toEqual({ accepted: "consent_required" });
  expect((await h.api("GET", `/${shown.id}`)).json.step.kind).toBe("consent");
});

test("no consent, no Aadhaar: before accepting, the Aadhaar submit is refused (409) and Eko is not called", async () => {
  const h = await harness();
  const view = await consentIn(h, await atConsent(h), "1");
  const early = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  expect(early.status).toBe(409);
  expect((await h.requests()).some((entry) => entry.path.endsWith("/aadhaar/otp"))).toBe(false);
});

test("the whole KYC: consent recorded with Eko's consentId, the text's digest, the audio, the masked Aadhaar; ends at a full-KYC profile", async () => {
  const h = await harness();
  const aadhaarStep = await atAadhaar(h, true);
  expect(aadhaarStep.step).toEqual({
    kind: "aadhaar",
    consentVersion: "digikhata-b6",
    rejected: false,
    consentGiven: true,
  });
  const sent = await h.api("POST", `/${aadhaarStep.id}/aadhaar`, { aadhaar: "2341 2341 2346" });
  expect(sent.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar", sentTo: null });
  // The full number is not in the flow's sealed secrets while the OTP is pending.
  const secrets = await sealedSecrets(h, aadhaarStep.id);
  expect(secrets).toMatchObject({ aadhaarLast4: "2346" });
  expect(JSON.stringify(secrets)).not.toContain(TEST_AADHAAR.valid);

  const consents = await h.db.selectFrom("consent_records").selectAll().execute();
  expect(consents).toEqual([
    expect.objectContaining({
      agent_id: TEST_AGENT.id,
      flow_id: aadhaarStep.id,
      language: "English",
      aadhaar_masked: "XXXX XXXX 2346",
      eko_consent_id: "1",
      text_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      audio_played: 1,
    }),
  ]);

  const otp = await h.latestOtp(MOBILE, "digikhata", "aadhaar");
  const pan = await h.api("POST", `/${aadhaarStep.id}/otp/verify`, { otp });
  expect(pan.json.step).toEqual({ kind: "pan", identity: null, rejected: false });
  const done = await h.api("POST", `/${aadhaarStep.id}/pan`, { pan: PAN });
  expect(done.json.step).toMatchObject({
    kind: "profile",
    profile: { kyc: "full_kyc", name: "Rahul Verma" },
  });
  expect(
    (await h.requests()).map((entry) => [entry.method, entry.path.split("/sender/")[1]]),
  ).toEqual(
    expect.arrayContaining([
      ["POST", `${MOBILE}/aadhaar/otp`],
      ["POST", `${MOBILE}/aadhaar/otp/verify`],
      ["POST", `${MOBILE}/pan`],
    ]),
  );
});

test("a rejected Aadhaar (2138) asks again, consent kept; each attempt is recorded", async () => {
  const h = await harness();
  const view = await atAadhaar(h);
  const rejected = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.rejected });
  expect(rejected.json.step).toMatchObject({ kind: "aadhaar", rejected: true, consentGiven: true });
  const accepted = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  expect(accepted.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar" });
  expect(await h.db.selectFrom("consent_records").select("aadhaar_masked").execute()).toEqual([
    { aadhaar_masked: "XXXX XXXX 9999" },
    { aadhaar_masked: "XXXX XXXX 2346" },
  ]);
});

test("a bad Aadhaar number (checksum) is a 422 on the aadhaar field before Eko is asked", async () => {
  const h = await harness();
  const view = await atAadhaar(h);
  const bad = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: "234123412345" });
  expect(bad.status).toBe(422);
  expect(bad.json.error.details.fields).toEqual({ aadhaar: "aadhaar_checksum" });
  // Levin's consent object is not taken here: DigiKhata's consent had its own step.
  const doubled = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: { accepted: true, language: "en", version: "aadhaar-consent-v1" },
  });
  expect(doubled.status).toBe(422);
  expect((await h.requests()).some((entry) => entry.path.endsWith("/aadhaar/otp"))).toBe(false);
});

test("wrong, then expired Aadhaar OTP behave like every OTP; the resend asks for the number again", async () => {
  const h = await harness();
  const view = await atAadhaar(h);
  await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  const otp = await h.latestOtp(MOBILE, "digikhata", "aadhaar");
  const wrong = await h.api("POST", `/${view.id}/otp/verify`, {
    otp: otp === "000000" ? "111111" : "000000",
  });
  expect(wrong.json.step).toMatchObject({
    kind: "otp",
    purpose: "aadhaar",
    lastAttempt: "wrong",
    attemptsLeft: 2,
  });
  h.clock.advance(301);
  const expired = await h.api("POST", `/${view.id}/otp/verify`, { otp });
  expect(expired.json.step).toMatchObject({ kind: "otp", lastAttempt: "expired" });

  const requestsBefore = (await h.requests()).length;
  const resend = await h.api("POST", `/${view.id}/otp/resend`);
  expect(resend.status).toBe(200);
  expect(resend.json.step).toEqual({
    kind: "aadhaar",
    consentVersion: "digikhata-b6",
    rejected: false,
    consentGiven: true,
  });
  expect((await h.requests()).length).toBe(requestsBefore);
  expect((await sealedSecrets(h, view.id))?.otpRefId).toBeUndefined();
  const again = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  expect(again.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar", lastAttempt: null });
  const fresh = await h.latestOtp(MOBILE, "digikhata", "aadhaar");
  expect((await h.api("POST", `/${view.id}/otp/verify`, { otp: fresh })).json.step.kind).toBe(
    "pan",
  );
});

test("B.7 timing out leaves the Aadhaar in doubt: status unknown, a re-check starts over with a read", async () => {
  const h = await harness({ env: { EKO_TIMEOUT_MS: "300" } });
  const view = await atAadhaar(h);
  await h.scenario({ mobile: MOBILE, fault: "slow", delayMs: 1_000 });
  const unknown = await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  expect(unknown.json.step).toEqual({ kind: "status_unknown", action: "aadhaar" });
  const secrets = await sealedSecrets(h, view.id);
  expect(JSON.stringify(secrets)).not.toContain(TEST_AADHAAR.valid);
  const recheck = await h.api("POST", `/${view.id}/recheck`);
  expect(recheck.json.step).toMatchObject({ kind: "otp", purpose: "mobile" });
});

test("PAN rejected by Eko (-1) is a 422 on the pan field; the step stays", async () => {
  const h = await harness();
  const view = await atAadhaar(h);
  await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid });
  const otp = await h.latestOtp(MOBILE, "digikhata", "aadhaar");
  await h.api("POST", `/${view.id}/otp/verify`, { otp });
  await h.scenario({ mobile: MOBILE, scenario: -1 });
  const refused = await h.api("POST", `/${view.id}/pan`, { pan: PAN });
  expect(refused.status).toBe(422);
  expect(refused.json.error.details.fields).toHaveProperty("pan");
  expect((await h.api("GET", `/${view.id}`)).json.step.kind).toBe("pan");
});

test("the consent audio is streamed from the sandbox's own clip, only on the consent step", async () => {
  const h = await harness();
  const view = await atConsent(h);
  expect((await h.api("GET", `/${view.id}/consent/audio`)).status).toBe(404);
  await consentIn(h, view, "1");
  const response = await h.rawRequest("GET", `/${view.id}/consent/audio`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("audio/wav");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
  expect(bytes.subarray(8, 12).toString("ascii")).toBe("WAVE");
});
