import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./a11y.ts";
import { agents } from "./agents.ts";
import { stepHeading } from "./console-steps.ts";
import { expect, signInByApi, test } from "./fixtures.ts";

/** The Agents page and the forced password change, in each language (web/src/locales). */
const words = {
  en: {
    agentsLink: "Agents",
    agentsTitle: "Agents",
    add: "Add agent",
    login: "Login",
    name: "Name",
    userCode: "Eko user code",
    role: "Role",
    language: "Language",
    addSubmit: "Add and show password",
    noted: "I have noted it",
    edit: "Edit",
    save: "Save changes",
    disable: "Disable",
    enable: "Enable",
    reset: "Reset password",
    active: "Active",
    disabled: "Disabled",
    mustChange: "Must choose a new password",
    admin: "Admin",
    lastAdmin: "This is the last active admin",
    activity: "Activity",
    added: "Agent added",
    changed: "Agent changed",
    disabledEvent: "Agent disabled",
    enabledEvent: "Agent enabled",
    resetEvent: "Password reset",
    changeTitle: "Choose your own password",
    current: "Password you signed in with",
    newPassword: "New password",
    changeSubmit: "Save new password",
    startTitle: "Start with the customer's mobile number",
  },
  hi: {
    agentsLink: "एजेंट",
    agentsTitle: "एजेंट",
    add: "एजेंट जोड़ें",
    login: "लॉगिन",
    name: "नाम",
    userCode: "Eko यूज़र कोड",
    role: "भूमिका",
    language: "भाषा",
    addSubmit: "जोड़ें और पासवर्ड दिखाएँ",
    noted: "मैंने लिख लिया",
    edit: "बदलें",
    save: "बदलाव सेव करें",
    disable: "बंद करें",
    enable: "चालू करें",
    reset: "पासवर्ड रीसेट करें",
    active: "चालू",
    disabled: "बंद",
    mustChange: "नया पासवर्ड चुनना बाक़ी",
    admin: "एडमिन",
    lastAdmin: "यह आख़िरी चालू एडमिन है",
    activity: "गतिविधि",
    added: "एजेंट जोड़ा",
    changed: "एजेंट बदला",
    disabledEvent: "एजेंट बंद किया",
    enabledEvent: "एजेंट चालू किया",
    resetEvent: "पासवर्ड रीसेट किया",
    changeTitle: "अपना पासवर्ड चुनें",
    current: "जिस पासवर्ड से साइन इन किया",
    newPassword: "नया पासवर्ड",
    changeSubmit: "नया पासवर्ड सेव करें",
    startTitle: "ग्राहक के मोबाइल नंबर से शुरू करें",
  },
} as const;
type Words = (typeof words)[keyof typeof words];

async function readOneTimePassword(page: Page, w: Words): Promise<string> {
  const shown = page.getByTestId("one-time-password");
  await expect(shown).toHaveText(/^[A-Za-z2-9]{12}$/);
  const password = (await shown.textContent()) ?? "";
  await page.getByRole("button", { name: w.noted }).click();
  await expect(shown).toHaveCount(0);
  return password;
}

/**
 * The new agent at their own counter (a separate browser): signs in with the
 * one-time password and has to choose their own before anything else opens.
 */
async function firstSignIn(
  browser: Browser,
  baseURL: string,
  login: string,
  oneTime: string,
  w: Words,
): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(oneTime);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(stepHeading(page, w.changeTitle)).toBeVisible();
  // Nothing else is open meanwhile.
  const refused = await page.request.get("/api/activity");
  expect(refused.status()).toBe(403);
  await page.getByLabel(w.current).fill(oneTime);
  await page.getByLabel(w.newPassword).fill(`own-password-${login}`);
  await page.getByRole("button", { name: w.changeSubmit }).click();
  await expect(stepHeading(page, w.startTitle)).toBeVisible();
  return page;
}

for (const language of ["en", "hi"] as const) {
  const w = words[language];

  test(`${language}: an admin adds, edits, disables, enables and resets an agent; each change is in Activity`, async ({
    page,
    browser,
    baseURL,
    origin,
  }) => {
    await signInByApi(page, agents.admin, origin);
    await page.goto("/");
    if (language === "hi") await page.getByText("हिन्दी", { exact: true }).click();
    await page.getByRole("link", { name: w.agentsLink, exact: true }).click();
    await expect(stepHeading(page, w.agentsTitle)).toBeVisible();

    // Add: the one-time password is shown once.
    const login = `e2e-${language}-${Date.now().toString(36)}`;
    await page.getByRole("button", { name: w.add }).click();
    await page.getByLabel(w.login, { exact: true }).fill(login);
    await page.getByLabel(w.name, { exact: true }).fill("Nayi Agent");
    await page.getByLabel(w.userCode).fill("20810200");
    await page.getByLabel(w.language).selectOption(language);
    await page.getByRole("button", { name: w.addSubmit }).click();
    const firstPassword = await readOneTimePassword(page, w);
    const card = page.getByRole("listitem").filter({ hasText: `(${login})` });
    await expect(card).toContainText("Nayi Agent");
    await expect(card).toContainText(w.mustChange);

    // Edit: name, user code, role.
    await card.getByRole("button", { name: w.edit }).click();
    await card.getByLabel(w.name, { exact: true }).fill("Nayi Agent Two");
    await card.getByLabel(w.userCode).fill("20810299");
    await card.getByLabel(w.role).selectOption("admin");
    await card.getByRole("button", { name: w.save }).click();
    await expect(card).toContainText("Nayi Agent Two");
    await expect(card).toContainText("20810299");
    await expect(card).toContainText(w.admin);

    // The agent signs in with the one-time password and must choose their own.
    const agentPage = await firstSignIn(browser, baseURL ?? origin, login, firstPassword, w);
    await page.reload();
    await expect(card).not.toContainText(w.mustChange);

    // Disable ends their session at once; enable lets them back.
    await card.getByRole("button", { name: w.disable }).click();
    await expect(card.getByText(w.disabled, { exact: true })).toBeVisible();
    expect((await agentPage.request.get("/api/auth/me")).status()).toBe(401);
    await card.getByRole("button", { name: w.enable }).click();
    await expect(card.getByText(w.active, { exact: true })).toBeVisible();

    // Reset: a new one-time password, and the change screen again at the next sign-in.
    await card.getByRole("button", { name: w.reset }).click();
    const secondPassword = await readOneTimePassword(page, w);
    expect(secondPassword).not.toBe(firstPassword);
    await expect(card).toContainText(w.mustChange);
    await agentPage.context().close();
    await (await firstSignIn(browser, baseURL ?? origin, login, secondPassword, w))
      .context()
      .close();

    // Every change, by whom and when, in Activity.
    await page.getByRole("link", { name: w.activity }).click();
    const events = page.getByRole("listitem").filter({ hasText: login });
    for (const event of [w.added, w.changed, w.disabledEvent, w.enabledEvent, w.resetEvent]) {
      await expect(events.filter({ hasText: event }).first()).toBeVisible();
    }
    await expect(events.filter({ hasText: w.changed }).first()).toContainText(agents.admin.name);

    // Leave the admin in English for the other specs.
    const reset = await page.request.put("/api/auth/me/language", {
      headers: { origin },
      data: { language: "en" },
    });
    expect(reset.status()).toBe(200);
  });
}

test("the last active admin cannot be disabled; agents see no Agents page", async ({
  page,
  origin,
  agent,
}) => {
  await signInByApi(page, agents.admin, origin);
  // The e2e store has one seeded admin; agents made admins above are demoted first.
  const list = await page.request.get("/api/admin/agents");
  type Row = {
    id: string;
    login: string;
    role: string;
    name: string;
    userCode: string;
    disabled: boolean;
  };
  const rows = ((await list.json()) as { agents: Row[] }).agents;
  for (const row of rows.filter((r) => r.role === "admin" && r.login !== agents.admin.login)) {
    const demoted = await page.request.patch(`/api/admin/agents/${row.id}`, {
      headers: { origin },
      data: { name: row.name, userCode: row.userCode, role: "agent" },
    });
    expect(demoted.status()).toBe(200);
  }
  await page.goto("/agents");
  await page.getByRole("button", { name: words.en.add }).click();
  await expectNoSeriousAxeViolations(page, "agents page with the add form");
  const self = page.getByRole("listitem").filter({ hasText: `(${agents.admin.login})` });
  await self.getByRole("button", { name: words.en.disable }).click();
  await expect(self.getByRole("alert")).toContainText(words.en.lastAdmin);
  await expect(self.getByText(words.en.active, { exact: true })).toBeVisible();

  await signInByApi(page, agent, origin);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "My activity" })).toBeVisible();
  await expect(page.getByRole("link", { name: words.en.agentsLink, exact: true })).toHaveCount(0);
  await page.goto("/agents");
  await expect(stepHeading(page, "Only for admins")).toBeVisible();
  expect((await page.request.get("/api/admin/agents")).status()).toBe(403);
});
