import { expect, test } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

const base = { EKO_ENV: "sandbox" } as const;

test("the abuse limits default to the console's own choices", () => {
  expect(loadEnv(base).abuseLimits).toEqual({
    signIn: { failuresPerLogin: 5, failuresPerIp: 20, windowSeconds: 900, lockSeconds: 900 },
    otp: {
      sendsPerMobile: 5,
      sendsPerAgent: 60,
      sendWindowSeconds: 600,
      wrongPerMobile: 10,
      wrongWindowSeconds: 1800,
    },
  });
});

test("every abuse limit is read from its variable", () => {
  const env = loadEnv({
    ...base,
    SIGN_IN_FAILURES_PER_LOGIN: "7",
    SIGN_IN_FAILURES_PER_IP: "70",
    SIGN_IN_WINDOW_SECONDS: "120",
    SIGN_IN_LOCK_SECONDS: "60",
    OTP_SENDS_PER_MOBILE: "3",
    OTP_SENDS_PER_AGENT: "300",
    OTP_SEND_WINDOW_SECONDS: "3600",
    OTP_WRONG_PER_MOBILE: "4",
    OTP_WRONG_WINDOW_SECONDS: "7200",
  });
  expect(env.abuseLimits).toEqual({
    signIn: { failuresPerLogin: 7, failuresPerIp: 70, windowSeconds: 120, lockSeconds: 60 },
    otp: {
      sendsPerMobile: 3,
      sendsPerAgent: 300,
      sendWindowSeconds: 3600,
      wrongPerMobile: 4,
      wrongWindowSeconds: 7200,
    },
  });
});

test.each([
  ["OTP_SENDS_PER_MOBILE", "0"],
  ["OTP_SENDS_PER_AGENT", "lots"],
  ["OTP_WRONG_PER_MOBILE", "2.5"],
  ["SIGN_IN_FAILURES_PER_LOGIN", "-1"],
  ["SIGN_IN_LOCK_SECONDS", ""],
])("a bad %s (%j) fails the start naming the variable", (name, value) => {
  expect(() => loadEnv({ ...base, [name]: value })).toThrow(EnvError);
  expect(() => loadEnv({ ...base, [name]: value })).toThrow(new RegExp(`${name}:`));
});
