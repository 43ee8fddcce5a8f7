import { afterEach, describe, expect, test } from "vitest";
import type { ManagedAgent } from "../contract/agents.ts";
import type { ApiError } from "../contract/errors.ts";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, jsonRequest, signIn, testApp } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});
const databases = setUpTestDatabases();

async function setUp(db?: Db) {
  if (!db) {
    db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
    opened.push(db);
  }
  const { app, clock } = testApp({ db });
  const admin = await addAgent(db, { login: "root", name: "Admin", role: "admin" });
  const asha = await addAgent(db, { login: "asha", name: "Asha" });
  const adminCookie = await signIn(app, admin.agent.login, admin.password);
  const call = async (method: string, path: string, cookie: string, body?: unknown) => {
    const response = await app.request(
      `/api/admin/agents${path}`,
      jsonRequest(method, body, { cookie }),
    );
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  const activity = async () => {
    const response = await app.request("/api/activity", { headers: { cookie: adminCookie } });
    const body = (await response.json()) as {
      events: { action: string; agentLogin: string; detail: string | null }[];
    };
    return body.events;
  };
  return { app, db, clock, admin, asha, adminCookie, call, activity };
}

const newAgent = {
  login: "Ravi.K",
  name: "Ravi Kumar",
  userCode: "20810201",
  role: "agent",
  language: "hi",
};

test("an admin lists, adds (one-time password shown once), edits, disables, enables and resets; each change is audited", async () => {
  const s = await setUp();
  const listed = await s.call("GET", "", s.adminCookie);
  expect(listed.status).toBe(200);
  const logins = (listed.json.agents as ManagedAgent[]).map((a) => a.login);
  expect(logins).toEqual(["asha", "root"]);
  const root = (listed.json.agents as ManagedAgent[]).find((a) => a.login === "root");
  expect(root?.lastSignInAt).toBe(s.clock.now().toISOString());
  // asha has never signed in: no date at all (the page renders "never"), not the text "null".
  const asha = (listed.json.agents as ManagedAgent[]).find((a) => a.login === "asha");
  expect(asha?.lastSignInAt).toBeNull();

  const added = await s.call("POST", "", s.adminCookie, newAgent);
  expect(added.status).toBe(201);
  expect(added.json.agent).toMatchObject({
    login: "ravi.k",
    name: "Ravi Kumar",
    userCode: "20810201",
    role: "agent",
    language: "hi",
    disabled: false,
    mustChangePassword: true,
    lastSignInAt: null,
  });
  expect(added.json.oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
  const ravi: ManagedAgent = added.json.agent;
  // Never again: the list has no password of any kind.
  expect(JSON.stringify((await s.call("GET", "", s.adminCookie)).json)).not.toContain(
    added.json.oneTimePassword,
  );

  const edited = await s.call("PATCH", `/${ravi.id}`, s.adminCookie, {
    name: "Ravi K.",
    userCode: "20810202",
    role: "admin",
  });
  expect(edited.status).toBe(200);
  expect(edited.json.agent).toMatchObject({ name: "Ravi K.", userCode: "20810202", role: "admin" });

  expect((await s.call("POST", `/${ravi.id}/disable`, s.adminCookie)).json.agent.disabled).toBe(
    true,
  );
  expect((await s.call("POST", `/${ravi.id}/enable`, s.adminCookie)).json.agent.disabled).toBe(
    false,
  );
  const reset = await s.call("POST", `/${ravi.id}/reset-password`, s.adminCookie);
  expect(reset.status).toBe(200);
  expect(reset.json.oneTimePassword).not.toBe(added.json.oneTimePassword);
  expect(reset.json.agent.mustChangePassword).toBe(true);

  const audit = (await s.activity()).filter((e) => e.action.startsWith("agent."));
  // One clock tick for all of them: compare as a set.
  const rows = audit.map((e) => [e.action, e.agentLogin, e.detail]);
  expect(rows.sort()).toEqual(
    [
      ["agent.add", "root", "ravi.k (agent)"],
      ["agent.update", "root", "ravi.k (name, userCode, role)"],
      ["agent.disable", "root", "ravi.k"],
      ["agent.enable", "root", "ravi.k"],
      ["agent.reset-password", "root", "ravi.k"],
    ].sort(),
  );
});

test("the shared rules: unique logins, field rules, the last active admin", async () => {
  const s = await setUp();
  const taken = await s.call("POST", "", s.adminCookie, { ...newAgent, login: "ASHA" });
  expect(taken.status).toBe(409);
  expect(taken.json.error.details.fields).toEqual({ login: "login_taken" });
  const bad = await s.call("POST", "", s.adminCookie, {
    ...newAgent,
    login: "x",
    userCode: "12",
    name: "",
  });
  expect(bad.status).toBe(422);
  expect(bad.json.error.details.fields).toEqual({
    login: "agent_login_invalid",
    userCode: "user_code_invalid",
    name: "agent_name_required",
  });

  const last = await s.call("POST", `/${s.admin.agent.id}/disable`, s.adminCookie);
  expect(last.status).toBe(409);
  expect((last.json as ApiError).error.details?.reason).toBe("last_admin");
  const demote = await s.call("PATCH", `/${s.admin.agent.id}`, s.adminCookie, {
    name: "Admin",
    userCode: s.admin.agent.ekoUserCode,
    role: "agent",
  });
  expect(demote.status).toBe(409);
  expect((await s.call("POST", "/no-such-id/enable", s.adminCookie)).status).toBe(404);
});

describe.each(engines)("on %s", (engine) => {
  test("20 parallel attempts by two admins to disable each other leave one active admin", async () => {
    const s = await setUp(await databases.open(engine));
    const other = await addAgent(s.db, { login: "root2", name: "Admin 2", role: "admin" });
    const otherCookie = await signIn(s.app, other.agent.login, other.password);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? s.call("POST", `/${other.agent.id}/disable`, s.adminCookie)
        : s.call("POST", `/${s.admin.agent.id}/disable`, otherCookie),
    );
    const results = await Promise.all(attempts);
    const unexpected = results.filter((r) => ![200, 401, 409].includes(r.status));
    expect(unexpected).toEqual([]);
    const admins = await s.db
      .selectFrom("agents")
      .select("login")
      .where("role", "=", "admin")
      .where("disabled", "=", 0)
      .execute();
    expect(admins).toHaveLength(1);
  });
});

test("agents get 403; a request without the console's Origin is refused before any change", async () => {
  const s = await setUp();
  const ashaCookie = await signIn(s.app, s.asha.agent.login, s.asha.password);
  expect((await s.call("GET", "", ashaCookie)).status).toBe(403);
  expect((await s.call("POST", "", ashaCookie, newAgent)).status).toBe(403);
  expect((await s.call("POST", `/${s.asha.agent.id}/disable`, ashaCookie)).status).toBe(403);
  const crossSite = await s.app.request(
    `/api/admin/agents/${s.asha.agent.id}/disable`,
    jsonRequest("POST", undefined, { cookie: s.adminCookie, origin: "https://evil.example" }),
  );
  expect(crossSite.status).toBe(403);
  expect(((await crossSite.json()) as ApiError).error.code).toBe("csrf_rejected");
  expect(
    (await s.call("GET", "", s.adminCookie)).json.agents.find(
      (a: ManagedAgent) => a.login === "asha",
    ).disabled,
  ).toBe(false);
});

test("disabling ends the agent's sessions at once", async () => {
  const s = await setUp();
  const ashaCookie = await signIn(s.app, s.asha.agent.login, s.asha.password);
  expect((await s.app.request("/api/auth/me", { headers: { cookie: ashaCookie } })).status).toBe(
    200,
  );
  await s.call("POST", `/${s.asha.agent.id}/disable`, s.adminCookie);
  const after = await s.app.request("/api/auth/me", { headers: { cookie: ashaCookie } });
  expect(after.status).toBe(401);
  const sessions = await s.db
    .selectFrom("sessions")
    .selectAll()
    .where("agent_id", "=", s.asha.agent.id)
    .execute();
  expect(sessions).toEqual([]);
});

test("reset: the one-time password signs in, but only the password change is open until a new one is chosen", async () => {
  const s = await setUp();
  const old = await signIn(s.app, s.asha.agent.login, s.asha.password);
  const reset = await s.call("POST", `/${s.asha.agent.id}/reset-password`, s.adminCookie);
  const oneTime: string = reset.json.oneTimePassword;
  // The old password and its session are gone.
  expect((await s.app.request("/api/auth/me", { headers: { cookie: old } })).status).toBe(401);
  const signInOld = await s.app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", { login: "asha", password: s.asha.password }),
  );
  expect(signInOld.status).toBe(401);

  const signedIn = await s.app.request(
    "/api/auth/sign-in",
    jsonRequest("POST", { login: "asha", password: oneTime }),
  );
  expect(signedIn.status).toBe(200);
  expect(
    ((await signedIn.json()) as { agent: { mustChangePassword: boolean } }).agent
      .mustChangePassword,
  ).toBe(true);
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const flows = await s.app.request(
    "/api/flows",
    jsonRequest("POST", { rail: "levin", mobile: "9000000001" }, { cookie }),
  );
  expect(flows.status).toBe(403);
  expect(((await flows.json()) as ApiError).error.details?.reason).toBe("password-change-required");
  expect((await s.app.request("/api/activity", { headers: { cookie } })).status).toBe(403);
  expect((await s.app.request("/api/auth/me", { headers: { cookie } })).status).toBe(200);

  const change = (body: unknown) =>
    s.app.request("/api/auth/password", jsonRequest("POST", body, { cookie }));
  const wrong = await change({ currentPassword: "not-it-at-all", newPassword: "a-new-password-1" });
  expect(wrong.status).toBe(422);
  expect(((await wrong.json()) as ApiError).error.details?.fields).toEqual({
    currentPassword: "password_wrong",
  });
  const short = await change({ currentPassword: oneTime, newPassword: "short" });
  expect(((await short.json()) as ApiError).error.details?.fields).toEqual({
    newPassword: "password_too_short",
  });
  const same = await change({ currentPassword: oneTime, newPassword: oneTime });
  expect(((await same.json()) as ApiError).error.details?.fields).toEqual({
    newPassword: "password_unchanged",
  });

  const changed = await change({ currentPassword: oneTime, newPassword: "a-new-password-1" });
  expect(changed.status).toBe(200);
  expect(
    ((await changed.json()) as { agent: { mustChangePassword: boolean } }).agent.mustChangePassword,
  ).toBe(false);
  expect((await s.app.request("/api/activity", { headers: { cookie } })).status).toBe(200);
  await signIn(s.app, "asha", "a-new-password-1");
  const events = await s.activity();
  expect(events.some((e) => e.action === "password.change" && e.agentLogin === "asha")).toBe(true);
});

test("the agent routes are in the OpenAPI document", async () => {
  const s = await setUp();
  const doc = (await (
    await s.app.request("/api/openapi.json", { headers: { cookie: s.adminCookie } })
  ).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  expect(Object.keys(doc.paths["/admin/agents"] ?? {}).sort()).toEqual(["get", "post"]);
  expect(Object.keys(doc.paths["/admin/agents/{agentId}"] ?? {})).toEqual(["patch"]);
  for (const action of ["disable", "enable", "reset-password"]) {
    expect(doc.paths[`/admin/agents/{agentId}/${action}`]).toHaveProperty("post");
  }
  expect(doc.paths["/auth/password"]).toHaveProperty("post");
});
