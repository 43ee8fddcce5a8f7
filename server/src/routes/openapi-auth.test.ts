import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, jsonRequest, signIn, testApp, testEnv } from "../test-support/app.ts";

/*
 * "Every route listed in /api/openapi.json other than sign-in returns 401
 * without a session" — read from the document itself, so a route added later
 * is covered without anyone editing this test.
 */

let db: Db;
let dir: string;
let app: ReturnType<typeof testApp>["app"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "eko-openapi-"));
  db = await openStore(testEnv({ SQLITE_PATH: join(dir, "console.db") }));
  ({ app } = testApp({ db, env: testEnv({ SQLITE_PATH: join(dir, "console.db") }) }));
});

afterAll(async () => {
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

test("every documented route but sign-in answers 401 JSON without a session", async () => {
  const { agent, password } = await addAgent(db);
  const cookie = await signIn(app, agent.login, password);
  const document = (await (
    await app.request("/api/openapi.json", { headers: { cookie } })
  ).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };

  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  expect(operations.length).toBeGreaterThanOrEqual(12);
  expect(operations).toContainEqual({ method: "POST", path: "/auth/sign-in" });

  for (const { method, path } of operations) {
    const concrete = `/api${path.replace(/\{[^}]+\}/g, "AAAAAAAAAAAAAAAAAAAAAA")}`;
    const body = method === "GET" ? undefined : {};
    const response = await app.request(concrete, jsonRequest(method, body));
    if (method === "POST" && path === "/auth/sign-in") {
      expect(response.status, "sign-in is public").not.toBe(401);
      continue;
    }
    expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
  }
});
