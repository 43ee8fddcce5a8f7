import { Writable } from "node:stream";
import { expect, test } from "vitest";
import { createLogger } from "./logger.ts";

test("secrets are redacted at any nesting depth", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger("info", sink);
  logger.info(
    {
      otp_ref_id: "IXrygqm0vTNbN35Lp5Afc",
      request: { body: { otp: "123456", aadhar: "234567890124", wallet_token: "eyJ.x.y" } },
      headers: { "secret-key": "abc=", developer_key: "becbbce45f79c6f5109f848acd540567" },
      calls: [{ eko: { response: { data: { OTP_REF_ID: "deep-ref-value" } } } }],
    },
    "eko call",
  );
  const output = lines.join("");
  for (const secret of [
    "IXrygqm0",
    "123456",
    "234567890124",
    "eyJ.x.y",
    "abc=",
    "becbbce45f79",
    "deep-ref-value",
  ]) {
    expect(output).not.toContain(secret);
  }
  expect(output).toContain("[redacted]");
});
