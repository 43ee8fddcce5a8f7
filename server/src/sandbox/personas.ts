import type { Rail } from "../contract/rails.ts";
import { type Gender, NON_KYC_FIGURES, type ProfileFigures, type Stage } from "./model.ts";

/**
 * Seeded customers. The same mobiles exist on every rail, and every rail keeps
 * its own copy of the state (per initiator), so a test can walk one persona
 * through all three flows. Any other valid mobile is a new customer (308).
 * The sandbox-defined behaviour is listed in ./README.md ("Sandbox decisions").
 */
export type Persona = {
  mobile: string;
  /** One line for the README table. */
  who: string;
  /** What each rail does with this mobile, for the README table. */
  describe: string;
  name: string;
  dob: string;
  /** Null: unknown until the Aadhaar step (the sandbox then derives it, see README). */
  gender: Gender | null;
  stage: Record<Rail, Stage>;
  figures: ProfileFigures;
  /** OTP verification refused for `lockoutSeconds` from sandbox start / reset. */
  lockedFromStart?: boolean;
};

const everyRail = (stage: Stage): Record<Rail, Stage> => ({
  "customer-account": stage,
  digikhata: stage,
  levin: stage,
});

export const personas: readonly Persona[] = [
  {
    mobile: "9000000001",
    who: "Existing full-KYC customer (Karan Garg)",
    describe:
      "Every rail: get-info → 2129, verify → 309 with customer_profile.kyc_state 1, balance 124500.50, " +
      "monthly limit 50000.0, used 44713 / remaining 5287. Levin adds wallet_token + wallet_id.",
    name: "Karan Garg",
    dob: "1990-05-15",
    gender: "M",
    stage: everyRail("complete"),
    // The used/remaining split of the A.4 sample (eko-api.md §8).
    figures: {
      kycState: 1,
      balance: "124500.50",
      totalMonthlyLimit: "50000.0",
      used: 44713,
      remaining: 5287,
      nextAllowedLimit: "5287.0",
    },
  },
  {
    mobile: "9000000002",
    who: "Existing non-KYC customer (Priya Nair)",
    describe:
      "Every rail: get-info → 2129, verify → 309 with kyc_state 0, balance 0.00, " +
      "monthly limit 25000.0, used 3200 / remaining 21800.",
    name: "Priya Nair",
    dob: "1994-11-02",
    gender: "F",
    stage: everyRail("complete"),
    figures: {
      kycState: 0,
      balance: "0.00",
      totalMonthlyLimit: "25000.0",
      used: 3200,
      remaining: 21800,
      nextAllowedLimit: "21800.0",
    },
  },
  {
    mobile: "9000000003",
    who: "New customer (like any unknown mobile)",
    describe:
      "get-info → 308, onboard → 2129, verify → customer-account: 309 (non-KYC profile); " +
      "DigiKhata and Levin: 2136 Aadhaar pending → Aadhaar OTP → 2147 → PAN → 309 (full KYC).",
    name: "",
    dob: "",
    gender: null,
    stage: everyRail("not_enrolled"),
    figures: NON_KYC_FIGURES,
  },
  {
    mobile: "9000000004",
    who: "Aadhaar validation pending (Rahul Verma)",
    describe:
      "get-info → 2129, verify → 2136. DigiKhata/Levin continue with Aadhaar OTP → 2147 → PAN → 309; " +
      "customer-account has no Aadhaar endpoint, so it stays at 2136.",
    name: "Rahul Verma",
    dob: "1988-03-14",
    gender: "M",
    stage: everyRail("aadhaar_pending"),
    figures: NON_KYC_FIGURES,
  },
  {
    mobile: "9000000005",
    who: "PAN pending (Sneha Patel)",
    describe:
      "get-info → 2129, verify → 2147. DigiKhata/Levin continue with PAN → 309; " +
      "customer-account stays at 2147.",
    name: "Sneha Patel",
    dob: "1992-07-05",
    gender: "F",
    stage: everyRail("pan_pending"),
    figures: NON_KYC_FIGURES,
  },
  {
    mobile: "9000000006",
    who: "PayPoint wallet already exists (Yashwant Basnett)",
    describe:
      "DigiKhata: get-info → 308, onboard → 300 “Wallet opened successfully.” (state 2, Non-Kyc), " +
      "then get-info → 2129, verify → 309 non-KYC. Other rails: existing non-KYC customer.",
    name: "Yashwant Basnett",
    dob: "1991-01-26",
    gender: "M",
    stage: { "customer-account": "complete", digikhata: "wallet_exists", levin: "complete" },
    figures: NON_KYC_FIGURES,
  },
  {
    mobile: "9000000007",
    who: "Locked out (Mohammed Irfan)",
    describe:
      "Every rail: get-info → 2129 (the OTP still reaches the outbox), but every verify answers the " +
      "lockout shape (2131, “Too many wrong OTPs”) until lockoutSeconds after sandbox start or reset.",
    name: "Mohammed Irfan",
    dob: "1985-09-09",
    gender: "M",
    stage: everyRail("complete"),
    figures: NON_KYC_FIGURES,
    lockedFromStart: true,
  },
];

export function findPersona(mobile: string): Persona | undefined {
  return personas.find((persona) => persona.mobile === mobile);
}

/**
 * Verhoeff-valid Aadhaar numbers for tests and demos. The rejected one makes
 * Validate Aadhaar (C.5, and B.7) answer 2138 "Adhar Validation Failed".
 */
export const TEST_AADHAAR = { valid: "234123412346", rejected: "999999999999" } as const;

/** The persona table as markdown, for the README. */
export function personaTable(): string {
  const rows = personas.map((p) => `| ${p.mobile} | ${p.who} | ${p.describe} |`);
  return ["| Mobile | Who | What each rail does |", "|---|---|---|", ...rows].join("\n");
}
