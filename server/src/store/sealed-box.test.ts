import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadStateKey, open, seal } from "./sealed-box.ts";

const key = randomBytes(32);
const secrets = JSON.stringify({ otpRefId: "IXrygqm0vTNbN35Lp5Afc==", walletToken: "eyJ.a.b" });

test("round trip; the sealed text shows nothing of the plaintext and differs each time", () => {
  const first = seal(key, secrets, "flow-1");
  const second = seal(key, secrets, "flow-1");
  expect(open(key, first, "flow-1")).toBe(secrets);
  expect(first).not.toBe(second);
  expect(first).not.toContain("IXrygqm0");
  expect(first).not.toContain("eyJ");
  expect(first.startsWith("v1.")).toBe(true);
});

test("any altered byte is detected", () => {
  const sealed = seal(key, secrets, "flow-1");
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  for (const index of [0, 13, 30, bytes.length - 1]) {
    const tampered = Buffer.from(bytes);
    tampered[index] = (tampered[index] ?? 0) ^ 1;
    expect(() => open(key, `v1.${tampered.toString("base64url")}`, "flow-1")).toThrow();
  }
  expect(() => open(key, "v1.AAAA", "flow-1")).toThrow();
  expect(() => open(key, "v0.whatever", "flow-1")).toThrow();
});

test("a box is bound to its flow id and to its key", () => {
  const sealed = seal(key, secrets, "flow-1");
  expect(() => open(key, sealed, "flow-2")).toThrow();
  expect(() => open(randomBytes(32), sealed, "flow-1")).toThrow();
});

test("STATE_KEY must be 32 bytes of base64", () => {
  const good = randomBytes(32).toString("base64");
  expect(
    loadStateKey({ stateKey: good, database: { kind: "postgres", url: "postgres://x" } }),
  ).toEqual(Buffer.from(good, "base64"));
  expect(() =>
    loadStateKey({ stateKey: "c2hvcnQ=", database: { kind: "sqlite", path: ":memory:" } }),
  ).toThrow(/32/);
  expect(() =>
    loadStateKey({ stateKey: null, database: { kind: "postgres", url: "postgres://x" } }),
  ).toThrow();
});

test("SQLite without STATE_KEY: a key file next to the database, 0600, the same after a restart", async () => {
  const dir = await mkdtemp(join(tmpdir(), "eko-key-"));
  try {
    const env = {
      stateKey: null,
      database: { kind: "sqlite" as const, path: join(dir, "nested", "console.db") },
    };
    const first = loadStateKey(env);
    const second = loadStateKey(env);
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    const info = await stat(join(dir, "nested", "state.key"));
    expect(info.mode & 0o777).toBe(0o600);
    await writeFile(join(dir, "nested", "state.key"), "too-short");
    expect(() => loadStateKey(env)).toThrow(/32/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an in-memory database gets a fresh key each time", () => {
  const env = { stateKey: null, database: { kind: "sqlite" as const, path: ":memory:" } };
  expect(loadStateKey(env)).not.toEqual(loadStateKey(env));
});
