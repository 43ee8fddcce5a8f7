import { agents } from "./agents.ts";
import { headings, stepHeading } from "./console-steps.ts";
import { expect, signIn, test } from "./fixtures.ts";

const signInTitle = "Sign in to the Eko OTP console";

test("a wrong password gets a plain message and an empty password field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(agents.demo.login);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("alert")).toHaveText(
    "The login or password is wrong. Check them and try again.",
  );
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("five failed sign-ins lock the login and say how long to wait", async ({ page }) => {
  // A login nobody has: it is rate-limited like a real one, so the lock says nothing about existence.
  const login = `nobody-${Date.now()}`;
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(login);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`guess-number-${attempt}`);
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in"));
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await answer).status()).toBe(401);
    await expect(page.getByRole("alert")).toHaveText(/The login or password is wrong/);
  }

  await page.getByLabel("Password").fill("guess-number-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Too many tries. Try again in 15 minutes.");
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
