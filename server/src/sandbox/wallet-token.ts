import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Levin's `wallet_token` is an HS256 JWT issued by PayPoint with claims
 * IdentificationCode, BCAgentId, exp, iss "PayPoint", aud "Partners"
 * (eko-api.md §10 C.4). Its lifetime is undocumented; the sandbox gives 30
 * minutes. The two opaque claims are 16-byte MACs of the initiator and the
 * customer under the sandbox's own secret, so a token can be checked against
 * the customer it is presented for without keeping a token table.
 */

export const WALLET_TOKEN_LIFETIME_SECONDS = 30 * 60;

export type WalletTokenCheck = "ok" | "malformed" | "bad-signature" | "expired" | "other-customer";

export type WalletTokens = {
  mint: (initiatorId: string, customerId: string) => string;
  check: (token: string, initiatorId: string, customerId: string) => WalletTokenCheck;
};

const HEADER = { alg: "HS256", typ: "JWT" };

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export function createWalletTokens(deps: { secret: Buffer; now: () => number }): WalletTokens {
  const opaque = (text: string) =>
    createHmac("sha256", deps.secret).update(text).digest().subarray(0, 16).toString("base64");
  const identificationCode = (initiatorId: string, customerId: string) =>
    opaque(`customer|${initiatorId}|${customerId}`);

  function sign(headerAndPayload: string): string {
    return base64url(createHmac("sha256", deps.secret).update(headerAndPayload).digest());
  }

  return {
    mint(initiatorId, customerId) {
      const payload = {
        IdentificationCode: identificationCode(initiatorId, customerId),
        BCAgentId: opaque(`agent|${initiatorId}`),
        exp: Math.floor(deps.now() / 1000) + WALLET_TOKEN_LIFETIME_SECONDS,
        iss: "PayPoint",
        aud: "Partners",
      };
      const unsigned = `${base64url(JSON.stringify(HEADER))}.${base64url(JSON.stringify(payload))}`;
      return `${unsigned}.${sign(unsigned)}`;
    },

    check(token, initiatorId, customerId) {
      const parts = token.split(".");
      if (parts.length !== 3) return "malformed";
      const [header, payload, signature] = parts as [string, string, string];
      const expected = Buffer.from(sign(`${header}.${payload}`));
      const presented = Buffer.from(signature);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
        return "bad-signature";
      }
      let claims: { IdentificationCode?: unknown; exp?: unknown };
      try {
        claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        return "malformed";
      }
      if (typeof claims.exp !== "number" || deps.now() / 1000 >= claims.exp) return "expired";
      if (claims.IdentificationCode !== identificationCode(initiatorId, customerId)) {
        return "other-customer";
      }
      return "ok";
    },
  };
}
