import { randomBytes } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import type { ActivityResponse, AgentSummary } from "../contract/activity.ts";
import type { ApiError } from "../contract/errors.ts";
import { flowReference } from "../contract/flow-reference.ts";
import { recordAuditEvent } from "../store/audit-events.ts";
import type { Db } from "../store/db.ts";
import { deriveMobileLookupSecret, mobileLookupKey } from "../store/mobile-lookup.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, signIn, testApp, testClock, testEnv } from "../test-support/app.ts";
import { csvCell, istRange } from "./activity.ts";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

/**
 * The clock reads 2 Jun 2025, 12:00 IST. Events: one yesterday (IST), three
 * today, one just after midnight UTC that is still "today" in IST.
 */
async function setUp() {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  opened.push(db);
  const clock = testClock("2025-06-02T06:30:00.000Z");
  const stateKey = randomBytes(32);
  const env = testEnv({ STATE_KEY: stateKey.toString("base64") });
  const { app } = testApp({ db, clock, env });
  const lookupSecret = deriveMobileLookupSecret(stateKey);
  const asha = await addAgent(db, { login: "asha", name: "Asha" });
  const ravi = await addAgent(db, { login: "ravi", name: '=HYPERLINK("http://x","Ravi, ""R""")' });
  const admin = await addAgent(db, { login: "root", name: "Admin", role: "admin" });
  const event = (at: string, agentId: string, outcome: string, action = "otp-verify") =>
    recordAuditEvent(db, {
      at: new Date(at),
      agentId,
      action,
      outcome,
      requestId: `req-${at}`,
      rail: "levin",
      mobileMasked: "••••••3210",
    });
  await event("2025-06-01T18:29:59.000Z", asha.agent.id, "otp_verified"); // 1 Jun 23:59:59 IST
  await event("2025-06-01T18:30:00.000Z", asha.agent.id, "otp_invalid"); // 2 Jun 00:00 IST
  await event("2025-06-02T03:00:00.000Z", ravi.agent.id, "otp_verified");
  await event("2025-06-02T04:00:00.000Z", asha.agent.id, "otp_verified", "flow-start");
  const cookieOf = (who: { agent: { login: string }; password: string }) =>
    signIn(app, who.agent.login, who.password);
  return { app, db, clock, asha, ravi, admin, cookieOf, lookupSecret };
}

const get = async (app: ReturnType<typeof testApp>["app"], path: string, cookie: string) =>
  app.request(path, { headers: { cookie } });

test("an agent sees only their own events, today (IST) by default", async () => {
  const { app, asha, ravi, cookieOf } = await setUp();
  const cookie = await cookieOf(asha);
  const response = await get(app, `/api/activity?agentId=${ravi.agent.id}`, cookie);
  expect(response.status).toBe(200);
  const body = (await response.json()) as ActivityResponse;
  expect(body).toMatchObject({ from: "2025-06-02", to: "2025-06-02", total: 3, page: 1 });
  // Their own sign-in is there too; Ravi's event and yesterday's are not.
  expect(body.events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
    "sign-in:success",
    "flow-start:otp_verified",
    "otp-verify:otp_invalid",
  ]);
  expect(body.events.every((e) => e.agentId === asha.agent.id)).toBe(true);
  expect(body.events[1]).toMatchObject({
    agentLogin: "asha",
    rail: "levin",
    mobileMasked: "••••••3210",
  });
});

test("admins see every agent and filter by agent, outcome, action and dates", async () => {
  const { app, asha, ravi, admin, cookieOf } = await setUp();
  const cookie = await cookieOf(admin);
  const list = async (query: string) => {
    const response = await get(app, `/api/activity${query}`, cookie);
    expect(response.status).toBe(200);
    return ((await response.json()) as ActivityResponse).events;
  };

  expect((await list("")).map((e) => e.agentLogin)).toEqual(["root", "asha", "ravi", "asha"]);
  expect((await list(`?agentId=${ravi.agent.id}`)).map((e) => e.agentId)).toEqual([ravi.agent.id]);
  expect((await list("?outcome=otp_verified")).map((e) => e.agentLogin)).toEqual(["asha", "ravi"]);
  expect((await list("?action=flow-start")).map((e) => e.at)).toEqual(["2025-06-02T04:00:00.000Z"]);
  expect((await list("?from=2025-06-01&to=2025-06-01")).map((e) => e.at)).toEqual([
    "2025-06-01T18:29:59.000Z",
  ]);
  expect(await list(`?from=2025-06-01&agentId=${asha.agent.id}`)).toHaveLength(3);

  const backwards = await get(app, "/api/activity?from=2025-06-03&to=2025-06-01", cookie);
  expect(backwards.status).toBe(422);
  const badDate = await get(app, "/api/activity?from=02-06-2025", cookie);
  expect(badDate.status).toBe(422);
  expect(((await badDate.json()) as ApiError).error).toMatchObject({
    code: "validation_failed",
    details: { fields: { from: "date_invalid" } },
  });
});

test("impossible calendar days are refused with 422, not rolled into March", async () => {
  const { app, admin, cookieOf } = await setUp();
  const cookie = await cookieOf(admin);
  for (const [field, day] of [
    ["from", "2026-02-31"],
    ["to", "2025-02-29"],
    ["from", "2025-04-31"],
    ["to", "2025-13-01"],
  ] as const) {
    for (const path of ["/api/activity", "/api/activity/export.csv"]) {
      const response = await get(app, `${path}?${field}=${day}`, cookie);
      expect(response.status, `${path} ${field}=${day}`).toBe(422);
      expect(((await response.json()) as ApiError).error).toMatchObject({
        details: { fields: { [field]: "date_invalid" } },
      });
    }
  }
  const leapDay = await get(app, "/api/activity?from=2024-02-29&to=2024-02-29", cookie);
  expect(leapDay.status).toBe(200);
});

test("pages of 50 with the total count, newest first, no event twice", async () => {
  const { app, db, asha, cookieOf } = await setUp();
  for (let i = 0; i < 120; i++) {
    await recordAuditEvent(db, {
      at: new Date(Date.parse("2025-06-02T05:00:00.000Z") + i * 1000),
      agentId: asha.agent.id,
      action: "otp.verify",
      outcome: "otp_wrong",
      requestId: `bulk-${i}`,
    });
  }
  const cookie = await cookieOf(asha);
  const pageOf = async (page: number) =>
    (await (await get(app, `/api/activity?page=${page}`, cookie)).json()) as ActivityResponse;
  const pages = await Promise.all([pageOf(1), pageOf(2), pageOf(3)]);
  // 120 + three from setUp + the sign-in of this test.
  expect(pages.map((p) => [p.total, p.page, p.pageSize, p.events.length])).toEqual([
    [123, 1, 50, 50],
    [123, 2, 50, 50],
    [123, 3, 50, 23],
  ]);
  const ids = pages.flatMap((p) => p.events.map((e) => e.id));
  expect(new Set(ids).size).toBe(123);
  const times = pages.flatMap((p) => p.events.map((e) => e.at));
  expect(times).toEqual([...times].sort().reverse());
  expect((await get(app, "/api/activity?page=0", cookie)).status).toBe(422);
});

test("search by the customer's mobile (any format) or a slip reference; names where known", async () => {
  const { app, db, asha, ravi, admin, cookieOf, lookupSecret } = await setUp();
  const flowOf = async (id: string, agentId: string, mobile: string, name: string | null) => {
    await db
      .insertInto("flows")
      .values({
        id,
        agent_id: agentId,
        rail: "levin",
        mobile,
        step_json: JSON.stringify(
          name
            ? { kind: "profile", profile: { name, mobileMasked: "x" }, identity: null }
            : { kind: "otp" },
        ),
        sealed_secrets: "x",
        version: 1,
        lock_owner: null,
        lock_expires_at: null,
        created_at: "2025-06-02T05:00:00.000Z",
        updated_at: "2025-06-02T05:00:00.000Z",
      })
      .execute();
    await recordAuditEvent(db, {
      at: new Date("2025-06-02T05:00:00.000Z"),
      agentId,
      action: "otp.verify",
      outcome: name ? "profile" : "otp_sent",
      requestId: `req-${id}`,
      flowId: id,
      rail: "levin",
      mobileMasked: `••••••${mobile.slice(-4)}`,
      mobileLookup: mobileLookupKey(mobile, lookupSecret),
    });
  };
  await flowOf("flow-karan-000000000001", asha.agent.id, "9876543210", "Karan Garg");
  await flowOf("flow-other-000000000002", asha.agent.id, "9123453210", null);
  await flowOf("flow-ravis-000000000003", ravi.agent.id, "9876543210", null);

  const search = async (cookie: string, term: string) => {
    const response = await get(app, `/api/activity?search=${encodeURIComponent(term)}`, cookie);
    expect(response.status, term).toBe(200);
    return ((await response.json()) as ActivityResponse).events;
  };
  const ashaCookie = await cookieOf(asha);
  // Same last four digits, a different customer: the masked mobile alone could not tell them apart.
  for (const typed of ["9876543210", "+91 98765 43210", "098765-43210"]) {
    const found = await search(ashaCookie, typed);
    expect(found.map((e) => e.flowId)).toEqual(["flow-karan-000000000001"]);
    expect(found[0]).toMatchObject({
      customerName: "Karan Garg",
      flowReference: flowReference("flow-karan-000000000001"),
    });
  }
  const adminCookie = await cookieOf(admin);
  expect((await search(adminCookie, "9876543210")).map((e) => e.flowId).sort()).toEqual([
    "flow-karan-000000000001",
    "flow-ravis-000000000003",
  ]);
  const reference = flowReference("flow-other-000000000002");
  for (const typed of [reference, reference.toLowerCase(), reference.slice(3).replace("-", "")]) {
    const found = await search(ashaCookie, typed);
    expect(found.map((e) => [e.flowId, e.customerName])).toEqual([
      ["flow-other-000000000002", null],
    ]);
  }
  expect(await search(ashaCookie, "9000000009")).toEqual([]);
  const nonsense = await get(app, "/api/activity?search=hello", ashaCookie);
  expect(nonsense.status).toBe(422);
  expect(((await nonsense.json()) as ApiError).error).toMatchObject({
    details: { fields: { search: "search_invalid" } },
  });
  // No column of the table holds the full number.
  const rows = await db.selectFrom("audit_events").selectAll().execute();
  expect(JSON.stringify(rows)).not.toContain("9876543210");
});

test("CSV export: admins only, an attachment, escaped and formula-safe", async () => {
  const { app, asha, admin, cookieOf } = await setUp();
  const agentCookie = await cookieOf(asha);
  for (const path of ["/api/activity/export.csv", "/api/agents"]) {
    const refused = await get(app, path, agentCookie);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ApiError).error.code).toBe("forbidden");
  }

  const cookie = await cookieOf(admin);
  const response = await get(app, "/api/activity/export.csv?outcome=otp_verified", cookie);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toBe(
    'attachment; filename="activity-2025-06-02-to-2025-06-02.csv"',
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, for Excel
  const lines = new TextDecoder().decode(bytes).split("\r\n");
  expect(lines[0]).toBe(
    "time_ist,at_utc,agent_login,agent_name,agent_id,action,outcome,detail,rail,flow_id,flow_reference,customer_name,mobile,eko_response_type_id,latency_ms,request_id",
  );
  expect(lines).toHaveLength(4); // header, two events, trailing empty line
  expect(lines[1]).toContain("2025-06-02 09:30:00,2025-06-02T04:00:00.000Z,asha,Asha,");
  // Ravi's name is a formula with quotes and a comma: apostrophe-prefixed, quoted, quotes doubled.
  expect(lines[2]).toContain(`,ravi,"'=HYPERLINK(""http://x"",""Ravi, """"R"""""")",`);

  const agents = await get(app, "/api/agents", cookie);
  expect(agents.status).toBe(200);
  const { agents: list } = (await agents.json()) as { agents: AgentSummary[] };
  expect(list.map((a) => a.login)).toEqual(["asha", "ravi", "root"]);
  expect(Object.keys(list[0] ?? {}).sort()).toEqual(["disabled", "id", "login", "name"]);
});

test("csvCell quotes separators and neutralises formulas", () => {
  expect(csvCell(null)).toBe("");
  expect(csvCell(42)).toBe("42");
  expect(csvCell("plain")).toBe("plain");
  expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
  for (const lead of ["=", "+", "-", "@", "\t", "\r", " =", "\uFF1D"]) {
    expect(csvCell(`${lead}1+1`)).toBe(`"'${lead}1+1"`);
  }
});

test("csvCell quotes a semicolon, the separator Excel uses in many locales", () => {
  expect(csvCell("Shop 4; Main Road")).toBe('"Shop 4; Main Road"');
  expect(csvCell("a;b")).toBe('"a;b"');
  expect(csvCell(";=1+1")).toBe('";=1+1"');
});

test("IST days map to UTC half-open ranges", () => {
  const now = new Date("2025-06-01T19:00:00.000Z"); // already 2 Jun in India
  expect(istRange({}, now)).toEqual({
    from: "2025-06-02",
    to: "2025-06-02",
    fromIso: "2025-06-01T18:30:00.000Z",
    toIso: "2025-06-02T18:30:00.000Z",
  });
  expect(istRange({ from: "2025-05-01" }, now)).toMatchObject({
    from: "2025-05-01",
    to: "2025-06-02",
  });
});

test("the intent row before an Eko write is listed only while no outcome follows it; the export keeps both", async () => {
  const { app, db, asha, admin, cookieOf } = await setUp();
  const write = (at: string, requestId: string, outcome: string) =>
    recordAuditEvent(db, {
      at: new Date(at),
      agentId: asha.agent.id,
      action: "aadhaar.submit",
      outcome,
      requestId,
      rail: "levin",
      mobileMasked: "••••••3210",
    });
  await write("2025-06-02T05:00:00.000Z", "req-answered", "attempted");
  await write("2025-06-02T05:00:01.000Z", "req-answered", "otp_sent");
  await write("2025-06-02T05:10:00.000Z", "req-crashed", "attempted"); // no answer ever came

  const listed = (await (
    await get(app, "/api/activity?action=aadhaar.submit", await cookieOf(asha))
  ).json()) as ActivityResponse;
  expect(listed.events.map((e) => `${e.requestId}:${e.outcome}`)).toEqual([
    "req-crashed:attempted",
    "req-answered:otp_sent",
  ]);
  expect(listed.total).toBe(2);
  const onlyAttempts = (await (
    await get(app, "/api/activity?action=aadhaar.submit&outcome=attempted", await cookieOf(asha))
  ).json()) as ActivityResponse;
  expect(onlyAttempts.total).toBe(2);

  const csv = await (
    await get(app, "/api/activity/export.csv?action=aadhaar.submit", await cookieOf(admin))
  ).text();
  expect(csv.split("\r\n").filter((line) => line.includes(",attempted,"))).toHaveLength(2);
});
