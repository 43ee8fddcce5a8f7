import { expect, newCustomerMobile, test } from "./fixtures.ts";

test("a state-changing request from another origin is refused, even with a valid session cookie", async ({
  signedInPage: page,
  origin,
}) => {
  // A browser cannot forge Origin, so the forged request comes from Playwright's
  // request client — with the signed-in page's cookie.
  const body = { rail: "customer-account", mobile: newCustomerMobile() };
  const forged = await page.request.post("/api/flows", {
    headers: { origin: "https://evil.example" },
    data: body,
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("csrf_rejected");

  const withoutOrigin = await page.request.post("/api/auth/sign-out");
  expect(withoutOrigin.status()).toBe(403);

  // The session was valid all along, and is still: the refused sign-out did nothing.
  expect((await page.request.get("/api/auth/me")).status()).toBe(200);
  const genuine = await page.request.post("/api/flows", { headers: { origin }, data: body });
  expect(genuine.status()).toBe(201);
});
