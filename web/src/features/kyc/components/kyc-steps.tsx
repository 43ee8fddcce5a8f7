import type { RailSteps } from "../../flow/components/step-switch.tsx";
import { AadhaarStep } from "./aadhaar-step.tsx";
import { ConsentStep } from "./consent-step.tsx";
import { IdentityCard } from "./identity-card.tsx";
import { IdentityStep } from "./identity-step.tsx";
import { PanStep } from "./pan-step.tsx";

/**
 * The Aadhaar KYC screens, once for both wallets: consent (DigiKhata B.5–B.6),
 * the Aadhaar number (Levin C.5 with its consent, DigiKhata B.7), the Aadhaar
 * OTP (the shared OTP step, purpose "aadhaar"), the verified identity (Levin)
 * and PAN (C.7 / B.9).
 */
export const kycSteps: RailSteps = {
  consent: (step, flow) => <ConsentStep flowId={flow.id} step={step} />,
  aadhaar: (step, flow) => <AadhaarStep flowId={flow.id} step={step} />,
  pan: (step, flow) => <PanStep flowId={flow.id} step={step} />,
  identity: (step) => <IdentityStep step={step} />,
  identityCard: (identity) => <IdentityCard identity={identity} />,
};
