/**
 * Words for the audit log's action and outcome codes (server flows/flow-service.ts
 * `AuditAction`, `outcomeOf`; routes/auth.ts). Codes not listed here are
 * shown as they are, so a new server code is still visible.
 */
export const actionLabels: Record<string, { id: string }> = {
  "sign-in": { id: "activity.action.sign-in" },
  "sign-out": { id: "activity.action.sign-out" },
  "flow.start": { id: "activity.action.flow.start" },
  "flow.onboard": { id: "activity.action.flow.onboard" },
  "otp.verify": { id: "activity.action.otp.verify" },
  "otp.resend": { id: "activity.action.otp.resend" },
  "consent.languages": { id: "activity.action.consent.languages" },
  "consent.language": { id: "activity.action.consent.language" },
  "consent.accept": { id: "activity.action.consent.accept" },
  "aadhaar.submit": { id: "activity.action.aadhaar.submit" },
  "pan.submit": { id: "activity.action.pan.submit" },
  "flow.recheck": { id: "activity.action.flow.recheck" },
  "secrets.purge": { id: "activity.action.secrets.purge" },
  "activity-export": { id: "activity.action.activity-export" },
  "agent.add": { id: "activity.action.agent.add" },
  "agent.update": { id: "activity.action.agent.update" },
  "agent.disable": { id: "activity.action.agent.disable" },
  "agent.enable": { id: "activity.action.agent.enable" },
  "agent.reset-password": { id: "activity.action.agent.reset-password" },
  "password.change": { id: "activity.action.password.change" },
};

export const outcomeLabels: Record<string, { id: string }> = {
  success: { id: "activity.outcome.success" },
  attempted: { id: "activity.outcome.attempted" },
  failure: { id: "activity.outcome.failure" },
  otp_sent: { id: "activity.outcome.otp_sent" },
  otp_wrong: { id: "activity.outcome.otp_wrong" },
  otp_expired: { id: "activity.outcome.otp_expired" },
  otp_locked: { id: "activity.outcome.otp_locked" },
  onboard_required: { id: "activity.outcome.onboard_required" },
  consent_required: { id: "activity.outcome.consent_required" },
  consent_shown: { id: "activity.outcome.consent_shown" },
  consent_given: { id: "activity.outcome.consent_given" },
  aadhaar_required: { id: "activity.outcome.aadhaar_required" },
  aadhaar_rejected: { id: "activity.outcome.aadhaar_rejected" },
  pan_required: { id: "activity.outcome.pan_required" },
  pan_rejected: { id: "activity.outcome.pan_rejected" },
  profile: { id: "activity.outcome.profile" },
  identity: { id: "activity.outcome.identity" },
  aadhaar_pending: { id: "activity.outcome.aadhaar_pending" },
  pan_pending: { id: "activity.outcome.pan_pending" },
  registration_complete: { id: "activity.outcome.registration_complete" },
  status_unknown: { id: "activity.outcome.status_unknown" },
  wallet_renew: { id: "activity.outcome.wallet_renew" },
  unknown_state: { id: "activity.outcome.unknown_state" },
  rejected: { id: "activity.outcome.rejected" },
  wallet_exists: { id: "activity.outcome.wallet_exists" },
  upstream_timeout: { id: "activity.outcome.upstream_timeout" },
  upstream_unavailable: { id: "activity.outcome.upstream_unavailable" },
  upstream_auth_failed: { id: "activity.outcome.upstream_auth_failed" },
  upstream_bad_response: { id: "activity.outcome.upstream_bad_response" },
};

/**
 * Outcomes offered in the filter: every outcome the list can name, so any
 * badge an agent sees ("PAN needed", "Aadhaar needed" …) can be filtered on.
 */
export const filterOutcomes = Object.keys(outcomeLabels);
