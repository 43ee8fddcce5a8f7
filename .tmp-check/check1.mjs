import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3917";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 } });
const page = await context.newPage();
const errors = [];
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`); });
page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
const step = async (name, fn) => { try { await fn(); console.log("OK  ", name); } catch (e) { console.log("FAIL", name, e.message.split("\n")[0]); await page.screenshot({ path: `/tmp/webcheck/${name.replace(/\W+/g, "-")}.png`, fullPage: true }); } };

await step("redirect to sign-in with return path", async () => {
  await page.goto("/flow/abcdefghijklmnop1234");
  await page.waitForURL(/\/sign-in\?returnTo=%2Fflow%2Fabcdefghijklmnop1234/);
});
await step("sign in", async () => {
  await page.getByLabel("Login").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/flow\/abcdefghijklmnop1234/);
  await page.getByRole("heading", { name: "This customer session is not available" }).waitFor();
});
await step("new customer button", async () => {
  await page.getByRole("button", { name: "New customer" }).click();
  await page.waitForURL(base + "/");
  await page.getByRole("heading", { name: "Start with the customer's mobile number" }).waitFor();
});
await page.screenshot({ path: "/tmp/webcheck/start-360.png", fullPage: true });
await step("existing customer, customer account, OTP via sandbox panel", async () => {
  await page.getByRole("radio", { name: "Customer account" }).check();
  await page.getByLabel("Customer mobile number").fill("+91 90000-00001");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Enter the customer's OTP" }).waitFor();
  await page.getByText("Sandbox phone (simulator)").waitFor();
});
await page.screenshot({ path: "/tmp/webcheck/otp-360.png", fullPage: true });
await step("wrong OTP shows attempts left", async () => {
  await page.getByLabel("OTP").fill("000000");
  await page.getByText(/attempts? left/).waitFor();
});
await step("right OTP → profile", async () => {
  const res = await page.request.get(`${base}/sandbox/outbox?mobile=9000000001`);
  const otp = (await res.json())[0].otp;
  await page.getByLabel("OTP").fill(otp);
  await page.getByRole("heading", { name: "Customer verified" }).waitFor();
  await page.getByText("₹12,450.50").waitFor();
});
await page.screenshot({ path: "/tmp/webcheck/profile-360.png", fullPage: true });
await step("refresh resumes", async () => {
  await page.reload();
  await page.getByRole("heading", { name: "Customer verified" }).waitFor();
});
await step("hindi switch", async () => {
  await page.getByText("हिन्दी").click();
  await page.getByRole("heading", { name: "ग्राहक वेरिफ़ाई हो गया" }).waitFor();
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== "hi") throw new Error("lang " + lang);
});
await page.screenshot({ path: "/tmp/webcheck/profile-hi-360.png", fullPage: true });
await step("back to english", async () => {
  await page.getByText("English").click();
  await page.getByRole("heading", { name: "Customer verified" }).waitFor();
});
await step("horizontal overflow at 360", async () => {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > 360) throw new Error("scrollWidth " + w);
});
console.log(errors.join("\n"));
await browser.close();
