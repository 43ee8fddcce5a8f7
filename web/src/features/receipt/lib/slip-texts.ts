import type { SlipKyc, SlipOutcome } from "./slip-model.ts";

export const outcomeTexts: Record<SlipOutcome, { id: string }> = {
  profile: { id: "slip.outcome.profile" },
  identity: { id: "slip.outcome.identity" },
  aadhaar_pending: { id: "slip.outcome.aadhaar_pending" },
  pan_pending: { id: "slip.outcome.pan_pending" },
  registered: { id: "slip.outcome.registered" },
};

export const kycTexts: Record<SlipKyc, { id: string }> = {
  full_kyc: { id: "profile.kyc.full_kyc" },
  non_kyc: { id: "profile.kyc.non_kyc" },
  aadhaar_verified: { id: "slip.kyc.aadhaar_verified" },
  aadhaar_pending: { id: "slip.kyc.aadhaar_pending" },
  pan_pending: { id: "slip.kyc.pan_pending" },
};
