import { expectAccessibleInBothLanguages } from "./a11y.ts";
import { headings, onboard, startFlow, stepHeading } from "./console-steps.ts";
import { expect, newCustomerMobile, queueSandbox, test } from "./fixtures.ts";

test("the status-unknown card passes axe in English and Hindi", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "digikhata", mobile });
  // Outlasts the short-timers server's 3 s Eko timeout.
  await queueSandbox(request, { mobile, fault: "slow", delayMs: 4000 });
  await onboard(page);
  await expect(stepHeading(page, headings.statusUnknown)).toBeVisible();
  await expect(page.getByRole("button", { name: "Re-check status" })).toBeVisible();
  await expectAccessibleInBothLanguages(page, "status unknown");
});
