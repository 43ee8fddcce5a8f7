import { readFileSync } from "node:fs";
import { agents } from "./agents.ts";
import { enterOtpFromPhone, headings, newCustomerToOtp, stepHeading } from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, signIn, signInByApi, test } from "./fixtures.ts";

test('the demo agent runs a flow and "My activity" lists each step, newest first', async ({
  page,
  request,
}) => {
  await signIn(page, agents.demo);
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.profile)).toBeVisible();

  await page.getByRole("link", { name: "My activity" }).click();

  await expect(stepHeading(page, "My activity")).toBeVisible();
  const steps = page.getByRole("listitem").filter({ hasText: maskedMobile(mobile) });
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Checked OTP");
  await expect(steps.nth(0)).toContainText("Verified");
  await expect(steps.nth(1)).toContainText("Registered customer");
  await expect(steps.nth(1)).toContainText("OTP sent");
  await expect(steps.nth(2)).toContainText("Looked up customer");
  await expect(steps.nth(2)).toContainText("New customer: registration needed");
  await expect(page.getByRole("listitem").filter({ hasText: "Signed in" }).first()).toBeVisible();

  // Each step links back to its customer's flow.
  await steps.nth(0).getByRole("link", { name: "Open this customer" }).click();
  await expect(stepHeading(page, headings.profile)).toBeVisible();
});

test("an admin filters everyone's activity by agent and outcome and downloads it as CSV", async ({
  page,
  agent,
  origin,
}) => {
  // Something of this agent's to find: a look-up of a customer Eko does not know.
  await signInByApi(page, agent, origin);
  const mobile = newCustomerMobile();
  const started = await page.request.post("/api/flows", {
    headers: { origin },
    data: { rail: "digikhata", mobile },
  });
  expect(started.status()).toBe(201);

  await signIn(page, agents.admin);
  await expect(page.getByRole("link", { name: "My activity" })).toHaveCount(0);
  await page.getByRole("link", { name: "Activity", exact: true }).click();
  await expect(stepHeading(page, "Activity")).toBeVisible();
  const entries = page.getByRole("listitem");

  await page.getByLabel("Agent").selectOption({ label: `${agent.name} (${agent.login})` });
  await expect(entries.filter({ hasText: maskedMobile(mobile) })).toHaveCount(1);
  await expect(entries.filter({ hasNotText: agent.name })).toHaveCount(0);

  await page.getByLabel("Outcome").selectOption({ label: "New customer: registration needed" });
  await expect(entries.filter({ hasNotText: "New customer: registration needed" })).toHaveCount(0);
  await expect(entries.filter({ hasText: maskedMobile(mobile) })).toHaveCount(1);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^activity-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const [header, ...rows] = readFileSync(await file.path(), "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(header?.split(",")).toEqual(
    expect.arrayContaining(["time_ist", "agent_login", "action", "outcome", "rail", "mobile"]),
  );
  expect(rows.length).toBeGreaterThanOrEqual(1);
  // The export has the same filters as the screen.
  for (const row of rows) {
    expect(row).toContain(agent.login);
    expect(row).toContain("onboard_required");
  }
  expect(rows.some((row) => row.includes(maskedMobile(mobile)))).toBe(true);
});
