import { agents } from "./agents.ts";
import { headings, stepHeading } from "./console-steps.ts";
import { expect, signIn, test } from "./fixtures.ts";

const signInTitle = "Sign in to the Eko OTP console";

test("a wrong password gets a plain message and an empty password field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(agents.demo.login);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  // Warned before the lock (issue #15 §4): the server says how many tries remain.
  await expect(page.getByRole("alert")).toHaveText(
    /^The login or password is wrong\. \d tries? left before this login is locked\.$/,
  );
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("failed sign-ins count down the tries left, then lock the login and say how long and whom to ask", async ({
  page,
}) => {
  // A login nobody has: it is rate-limited like a real one, so the lock says nothing about existence.
  const login = `nobody-${Date.now()}`;
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(login);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`guess-number-${attempt}`);
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in"));
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await answer).status()).toBe(401);
    await expect(page.getByRole("alert")).toHaveText(
      attempt < 4
        ? `The login or password is wrong. ${5 - attempt} tries left before this login is locked.`
        : attempt === 4
          ? "The login or password is wrong. 1 try left before this login is locked."
          : /This login is now locked for a while: ask your admin/,
    );
  }

  await page.getByLabel("Password").fill("guess-number-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "This login is locked after too many wrong passwords. Try again in 15 minutes, or ask your admin (who set up your login) to reset your password.",
  );
});

test("sign-out ends the session: back to sign-in, and the old session no longer opens anything", async ({
  page,
}) => {
  await signIn(page, agents.demo);
  await expect(stepHeading(page, headings.start)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();

  await expect(page).toHaveURL(/\/sign-in/);
  await expect(stepHeading(page, signInTitle)).toBeVisible();
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  await page.goto("/activity");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(stepHeading(page, signInTitle)).toBeVisible();
});
