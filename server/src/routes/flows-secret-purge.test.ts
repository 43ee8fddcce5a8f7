import { expect, test } from "vitest";
import { createConsoleServices } from "../app.ts";
import type { FlowView } from "../contract/flow-view.ts";
import type { FlowSecrets } from "../flows/flow-record.ts";
import { createLogger } from "../logger.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { loadStateKey, open } from "../store/sealed-box.ts";
import { CONSENT, flowHarnesses, type Harness } from "../test-support/flow-harness.ts";

/*
 * Issue #14: sealed secrets of abandoned flows are purged after their useful
 * life — an otp_ref_id once the OTP's lifetime has passed since the flow was
 * last touched, Levin's wallet pair after a session's — by the maintenance
 * index.ts runs. The clock is moved, not waited for. The flow still renders
 * afterwards and says what to do next.
 */

const harness = flowHarnesses();
const OTP_TTL_SECONDS = 300; // OTP_TTL_SECONDS default
const SESSION_ABSOLUTE_SECONDS = 43_200;

function maintenanceOf(h: Harness) {
  return createConsoleServices({
    env: h.env,
    db: h.db,
    logger: createLogger("silent"),
    now: h.clock.now,
  }).maintenance;
}

async function sealedSecrets(h: Harness, flowId: string): Promise<FlowSecrets> {
  const row = await h.db
    .selectFrom("flows")
    .select(["sealed_secrets"])
    .where("id", "=", flowId)
    .executeTakeFirstOrThrow();
  return JSON.parse(open(loadStateKey(h.env), row.sealed_secrets, flowId)) as FlowSecrets;
}

const read = async (h: Harness, id: string) => (await h.api("GET", `/${id}`)).json as FlowView;

test("an OTP left pending: its reference is purged after the OTP's lifetime; the step says the OTP expired and a resend carries on", async () => {
  const h = await harness();
  const maintenance = maintenanceOf(h);
  const mobile = "9000000004";
  const view = await h.start("levin", mobile);
  expect(view.step.kind).toBe("otp");
  expect((await sealedSecrets(h, view.id)).otpRefId).toBeTruthy();

  h.clock.advance(OTP_TTL_SECONDS - 1);
  expect(await maintenance.run()).toEqual({ resolved: 0, purged: 0 });
  expect((await sealedSecrets(h, view.id)).otpRefId).toBeTruthy();

  h.clock.advance(2);
  const [first, second] = await Promise.all([maintenance.run(), maintenance.run()]);
  expect((first?.purged ?? 0) + (second?.purged ?? 0)).toBe(1);
  expect(await sealedSecrets(h, view.id)).toEqual({});
  expect((await read(h, view.id)).step).toMatchObject({ kind: "otp", lastAttempt: "expired" });
  const purges = await h.db
    .selectFrom("audit_events")
    .select(["action", "outcome", "detail"])
    .where("action", "=", "secrets.purge")
    .execute();
  expect(purges).toEqual([
    { action: "secrets.purge", outcome: "otp_expired", detail: "otp_ref_id" },
  ]);

  const resent = await h.api("POST", `/${view.id}/otp/resend`);
  expect(resent.status).toBe(200);
  const otp = await h.latestOtp(mobile, "levin");
  const verified = await h.api("POST", `/${view.id}/otp/verify`, { otp });
  expect(verified.json.step.kind).toBe("aadhaar");
});

test("a Levin flow left at the Aadhaar step: the wallet pair is purged after a session's lifetime, and the step asks for a new mobile OTP", async () => {
  const h = await harness();
  const maintenance = maintenanceOf(h);
  const mobile = "9000000004";
  const view = await h.start("levin", mobile);
  const otp = await h.latestOtp(mobile, "levin");
  const atAadhaar = (await h.api("POST", `/${view.id}/otp/verify`, { otp })).json as FlowView;
  expect(atAadhaar.step.kind).toBe("aadhaar");
  expect((await sealedSecrets(h, view.id)).walletToken).toMatch(/^eyJ/);

  h.clock.advance(SESSION_ABSOLUTE_SECONDS - 10);
  expect((await maintenance.run()).purged).toBe(0);
  h.clock.advance(11);
  expect((await maintenance.run()).purged).toBe(1);
  expect(await sealedSecrets(h, view.id)).toEqual({});
  expect((await read(h, view.id)).step).toEqual({ kind: "wallet_renew" });
  // Nothing left to review: the next run does not touch it.
  expect((await maintenance.run()).purged).toBe(0);

  // The agent carries on: the re-check sends a new mobile OTP, whose C.4 hands out a new wallet.
  const recheck = await h.api("POST", `/${view.id}/recheck`);
  expect(recheck.json.step.kind).toBe("otp");
  const again = await h.latestOtp(mobile, "levin");
  const renewed = await h.api("POST", `/${view.id}/otp/verify`, { otp: again });
  expect(renewed.json.step.kind).toBe("aadhaar");
  const sent = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: CONSENT,
  });
  expect(sent.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar" });
});

test("a flow still being worked on keeps its secrets: every step starts the clock again", async () => {
  const h = await harness();
  const maintenance = maintenanceOf(h);
  const mobile = "9000000004";
  const view = await h.start("levin", mobile);
  h.clock.advance(OTP_TTL_SECONDS - 30);
  const otp = await h.latestOtp(mobile, "levin");
  await h.api("POST", `/${view.id}/otp/verify`, { otp: otp === "000000" ? "111111" : "000000" });
  h.clock.advance(60);
  // 330 s after the OTP was sent, but 60 s after the flow was last touched.
  expect((await maintenance.run()).purged).toBe(0);
  expect((await sealedSecrets(h, view.id)).otpRefId).toBeTruthy();
});
