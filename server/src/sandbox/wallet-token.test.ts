import { createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { createWalletTokens } from "./wallet-token.ts";

const secret = Buffer.alloc(32, 7);

test("the token is an HS256 JWT with PayPoint's claims and a 30-minute exp", () => {
  const now = 1_760_000_000_000;
  const token = createWalletTokens({ secret, now: () => now }).mint("9962981729", "9000000003");
  const [header, payload, signature] = token.split(".") as [string, string, string];

  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  expect(signature).toBe(expected);
  expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({
    alg: "HS256",
    typ: "JWT",
  });
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  expect(claims).toEqual({
    IdentificationCode: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
    BCAgentId: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
    exp: now / 1000 + 1800,
    iss: "PayPoint",
    aud: "Partners",
  });
});

test("check: ok, expired, other customer, bad signature, malformed", () => {
  let now = 1_760_000_000_000;
  const tokens = createWalletTokens({ secret, now: () => now });
  const token = tokens.mint("9962981729", "9000000003");
  expect(tokens.check(token, "9962981729", "9000000003")).toBe("ok");
  expect(tokens.check(token, "9962981729", "9000000004")).toBe("other-customer");
  expect(tokens.check(token, "9111111111", "9000000003")).toBe("other-customer");
  const other = createWalletTokens({ secret: Buffer.alloc(32, 8), now: () => now });
  expect(other.check(token, "9962981729", "9000000003")).toBe("bad-signature");
  expect(tokens.check("not-a-jwt", "9962981729", "9000000003")).toBe("malformed");
  now += 30 * 60_000;
  expect(tokens.check(token, "9962981729", "9000000003")).toBe("expired");
});
