import type { Rail } from "../contract/rails.ts";
import type { EkoCallContext, EkoClient, EkoResult } from "../eko/client.ts";
import {
  type EkoOnboardInput,
  getCustomer,
  onboardCustomer,
  resendCustomerOtp,
  verifyCustomerOtp,
} from "../eko/customer-account.ts";
import {
  getDigikhataSender,
  onboardDigikhataSender,
  resendDigikhataSenderOtp,
  verifyDigikhataSenderOtp,
} from "../eko/digikhata.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import {
  getLevinSender,
  type LevinWallet,
  onboardLevinSender,
  resendLevinSenderOtp,
  validateLevinAadhaar,
  validateLevinPan,
  verifyLevinAadhaarOtp,
  verifyLevinSenderOtp,
} from "../eko/levin.ts";
import { ApiProblem } from "../http/problem.ts";
import { mapCustomerLookup, mapCustomerOtpIssued, mapCustomerVerify } from "./customer-account.ts";
import {
  mapDigikhataLookup,
  mapDigikhataOnboard,
  mapDigikhataResend,
  mapDigikhataVerify,
} from "./digikhata.ts";
import type { FlowRecord, FlowSecrets } from "./flow-record.ts";
import {
  mapLevinAadhaar,
  mapLevinAadhaarVerify,
  mapLevinLookup,
  mapLevinOtpIssued,
  mapLevinPan,
  mapLevinVerify,
} from "./levin.ts";
import type { MapContext, Transition } from "./transition.ts";

export type Io = { eko: EkoClient; context: EkoCallContext };

/** One Eko call and the pure function that maps its answer. */
export type Operation<I> = {
  call: (io: Io, input: I) => Promise<EkoResult>;
  map: (answer: EkoAnswer, ctx: MapContext) => Transition;
};

/** What each rail does for each console action; which call depends on the flow's state. */
export type RailAdapter = {
  lookup: () => Operation<void>;
  onboard: () => Operation<EkoOnboardInput>;
  resend: (record: FlowRecord) => Operation<void>;
  verify: (record: FlowRecord) => Operation<string>;
  aadhaar?: (record: FlowRecord) => Operation<string>;
  pan?: (record: FlowRecord) => Operation<string>;
};

function otpRefId(secrets: FlowSecrets): string {
  if (!secrets.otpRefId)
    throw new ApiProblem("step_not_allowed", "No OTP is pending for this flow");
  return secrets.otpRefId;
}

function wallet(secrets: FlowSecrets): LevinWallet {
  return { walletToken: secrets.walletToken ?? "", walletId: secrets.walletId ?? "" };
}

function otpPurpose(record: FlowRecord) {
  return record.step.kind === "otp" || record.step.kind === "locked"
    ? record.step.purpose
    : "mobile";
}

const customerAccount: RailAdapter = {
  lookup: () => ({ call: (io) => getCustomer(io.eko, io.context), map: mapCustomerLookup }),
  onboard: () => ({
    call: (io, input) => onboardCustomer(io.eko, io.context, input),
    map: mapCustomerOtpIssued,
  }),
  resend: () => ({
    call: (io) => resendCustomerOtp(io.eko, io.context),
    map: mapCustomerOtpIssued,
  }),
  verify: (record) => ({
    call: (io, otp) =>
      verifyCustomerOtp(io.eko, io.context, { otp, otpRefId: otpRefId(record.secrets) }),
    map: mapCustomerVerify,
  }),
};

const digikhata: RailAdapter = {
  lookup: () => ({ call: (io) => getDigikhataSender(io.eko, io.context), map: mapDigikhataLookup }),
  onboard: () => ({
    call: (io, input) => onboardDigikhataSender(io.eko, io.context, input),
    map: mapDigikhataOnboard,
  }),
  resend: () => ({
    call: (io) => resendDigikhataSenderOtp(io.eko, io.context),
    map: mapDigikhataResend,
  }),
  verify: (record) => ({
    call: (io, otp) =>
      verifyDigikhataSenderOtp(io.eko, io.context, { otp, otpRefId: otpRefId(record.secrets) }),
    map: mapDigikhataVerify,
  }),
};

const levin: RailAdapter = {
  lookup: () => ({ call: (io) => getLevinSender(io.eko, io.context), map: mapLevinLookup }),
  onboard: () => ({
    call: (io, input) => onboardLevinSender(io.eko, io.context, input),
    map: mapLevinOtpIssued,
  }),
  resend: (record) => {
    if (otpPurpose(record) === "mobile") {
      return { call: (io) => resendLevinSenderOtp(io.eko, io.context), map: mapLevinOtpIssued };
    }
    // No resend endpoint for the Aadhaar OTP: re-issue it with C.5 (§10 C.0b "re-issue via C.5").
    const aadhaar = record.secrets.aadhaar;
    if (!aadhaar) throw new ApiProblem("step_not_allowed", "Enter the Aadhaar number again");
    return {
      call: (io) =>
        validateLevinAadhaar(io.eko, io.context, { aadhaar, ...wallet(record.secrets) }),
      map: mapLevinAadhaar,
    };
  },
  verify: (record) => {
    const refId = otpRefId(record.secrets);
    if (otpPurpose(record) === "mobile") {
      return {
        call: (io, otp) => verifyLevinSenderOtp(io.eko, io.context, { otp, otpRefId: refId }),
        map: mapLevinVerify,
      };
    }
    return {
      call: (io, otp) =>
        verifyLevinAadhaarOtp(io.eko, io.context, {
          otp,
          otpRefId: refId,
          ...wallet(record.secrets),
        }),
      map: mapLevinAadhaarVerify,
    };
  },
  aadhaar: (record) => ({
    call: (io, aadhaar) =>
      validateLevinAadhaar(io.eko, io.context, { aadhaar, ...wallet(record.secrets) }),
    map: mapLevinAadhaar,
  }),
  pan: (record) => ({
    call: (io, pan) => validateLevinPan(io.eko, io.context, { pan, ...wallet(record.secrets) }),
    map: mapLevinPan,
  }),
};

export const railAdapters: Record<Rail, RailAdapter> = {
  "customer-account": customerAccount,
  digikhata,
  levin,
};
