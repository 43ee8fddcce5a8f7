/** Each step's name for the agent, by its URL segment (step-history.ts `stepSlug`). */
export const stepNames: Record<string, { id: string }> = {
  onboard: { id: "flow.step_name.onboard" },
  "otp-mobile": { id: "flow.step_name.otp_mobile" },
  "otp-aadhaar": { id: "flow.step_name.otp_aadhaar" },
  "locked-mobile": { id: "flow.step_name.locked" },
  "locked-aadhaar": { id: "flow.step_name.locked" },
  consent: { id: "flow.step_name.consent" },
  aadhaar: { id: "flow.step_name.aadhaar" },
  pan: { id: "flow.step_name.pan" },
  identity: { id: "flow.step_name.identity" },
  profile: { id: "flow.step_name.profile" },
  "next-step": { id: "flow.step_name.next_step" },
  "status-unknown": { id: "flow.step_name.status_unknown" },
  failed: { id: "flow.step_name.failed" },
  "wallet-renew": { id: "flow.step_name.wallet_renew" },
};

export const unnamedStep = { id: "flow.step_name.other" };
