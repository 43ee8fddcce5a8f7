import type { Step } from "../contract/flow-view.ts";
import type { SecretLifetimes } from "../store/flow-repository.ts";
import type { FlowRecord, FlowSecrets } from "./flow-record.ts";

/** Steps whose next Eko call needs Levin's wallet pair (C.5–C.7). */
function needsWallet(step: Step): boolean {
  if (step.kind === "aadhaar" || step.kind === "pan") return true;
  return (step.kind === "otp" || step.kind === "locked") && step.purpose === "aadhaar";
}

export type Purge = { step: Step; secrets: FlowSecrets; purged: string[] };

/**
 * What an abandoned flow keeps once its sealed secrets have outlived their
 * use, counted from its last change: an otp_ref_id after the OTP's lifetime,
 * the wallet pair after a session's. A step that needed the purged value
 * still renders and says what to do next: an OTP step shows the OTP expired
 * (send a new one); a Levin step that needed the wallet asks for a new
 * mobile OTP (wallet_renew → re-check). Finished steps stay as they are.
 */
export function purgeSpentSecrets(
  record: FlowRecord,
  now: Date,
  lifetimes: SecretLifetimes,
): Purge {
  const idleSeconds = (now.getTime() - Date.parse(record.updatedAt)) / 1000;
  let { step } = record;
  let secrets = record.secrets;
  const purged: string[] = [];
  if (secrets.otpRefId && idleSeconds >= lifetimes.otpRefSeconds) {
    const { otpRefId: _ref, otpIntent: _intent, ...rest } = secrets;
    secrets = rest;
    purged.push("otp_ref_id");
    if (step.kind === "otp") step = { ...step, lastAttempt: "expired" };
  }
  if ((secrets.walletToken || secrets.walletId) && idleSeconds >= lifetimes.walletTokenSeconds) {
    const { walletToken: _token, walletId: _id, ...rest } = secrets;
    secrets = rest;
    purged.push("wallet_token");
    if (needsWallet(step)) step = { kind: "wallet_renew" };
  }
  return { step, secrets, purged };
}
