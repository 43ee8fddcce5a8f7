import { expect, test } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

const FAST = { logN: 10, r: 8, p: 1 };

test("a hash verifies its own password and nothing else", async () => {
  const hash = await hashPassword("correct horse battery", FAST);
  expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  expect(await verifyPassword("", hash)).toBe(false);
});

test("the hash carries its parameters and a per-hash random salt, never the password", async () => {
  const password = "demo-password";
  const [first, second] = [await hashPassword(password), await hashPassword(password)];
  expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  expect(first).not.toBe(second);
  expect(first.split("$")[3]).not.toBe(second.split("$")[3]);
  for (const hash of [first, second]) {
    expect(hash).not.toContain(password);
    expect(hash).not.toContain(Buffer.from(password).toString("base64").replace(/=+$/, ""));
  }
});

test("hashes made with other parameters still verify (parameters are read from the hash)", async () => {
  const hash = await hashPassword("older-password", { logN: 11, r: 4, p: 2 });
  expect(hash.startsWith("$scrypt$ln=11,r=4,p=2$")).toBe(true);
  expect(await verifyPassword("older-password", hash)).toBe(true);
});

test("malformed or tampered hashes are refused, not thrown", async () => {
  const hash = await hashPassword("some-password", FAST);
  const parts = hash.split("$");
  const flipped = `${parts[4]?.slice(0, -2)}AA`;
  expect(await verifyPassword("some-password", [...parts.slice(0, 4), flipped].join("$"))).toBe(
    false,
  );
  expect(await verifyPassword("some-password", "plain-text")).toBe(false);
  expect(
    await verifyPassword("some-password", "$scrypt$ln=40,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAA"),
  ).toBe(false);
});
