import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Field names that must never reach a log line, at any depth pino can address.
 * Eko spells Aadhaar `aadhar` on the wire (eko-api.md §9 B.7), so both forms are listed.
 */
const SECRET_FIELDS = [
  "otp",
  "otp_ref_id",
  "otpRefId",
  "wallet_token",
  "walletToken",
  "wallet_id",
  "walletId",
  "aadhar",
  "aadhaar",
  "pan",
  "pan_number",
  "password",
  "secret-key",
  "developer_key",
  "accessKey",
  "developerKey",
  "cookie",
  "set-cookie",
  "authorization",
];

export const redactPaths = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const dotted = key.startsWith("[") ? key : `.${key}`;
  return [key, `*${dotted}`, `*.*${dotted}`, `*.*.*${dotted}`];
});

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
export type { Logger };
