import { describe, expect, test } from "vitest";
import { verifyPassword } from "../auth/password.ts";
import { addAgent, jsonRequest, testApp, testClock } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";

const databases = setUpTestDatabases();

/** What @hono/node-server hands the app: the peer address per-IP limits count against. */
const fromIp = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

/**
 * The real scrypt check, counted, and held shut until `open()`: a burst's
 * guesses are all "in the hash" at once, as they are when scrypt is slow.
 */
function gatedHash() {
  let started = 0;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    verify: async (password: string, encoded: string) => {
      started += 1;
      await gate;
      return verifyPassword(password, encoded);
    },
    started: () => started,
    open: () => open(),
    /** Resolves once `count` hashes have started (the burst has got past the limit check). */
    async reached(count: number) {
      while (started < count) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

type SignInApp = {
  request: (path: string, init: RequestInit, env?: unknown) => Promise<Response> | Response;
};

const signInAs = (app: SignInApp, login: string, password: string, ip = "203.0.113.7") =>
  app.request("/api/auth/sign-in", jsonRequest("POST", { login, password }), fromIp(ip));

const statuses = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe.each(engines)("sign-in limits under a burst on %s", (engine) => {
  test("40 wrong passwords at the same moment: exactly 5 reach the hash", async () => {
    const db = await databases.open(engine);
    const hash = gatedHash();
    hash.open();
    const { app } = testApp({ db, verifyPassword: hash.verify });
    const { agent } = await addAgent(db);
    // Spread over addresses, so only the per-login limit applies.
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInAs(app, agent.login, `wrong-${i}`, `198.51.100.${i}`),
      ),
    );
    expect(hash.started()).toBe(5);
    expect(statuses(responses)).toEqual({ 401: 5, 429: 35 });
    const audit = await db
      .selectFrom("audit_events")
      .select("detail")
      .where("agent_id", "=", agent.id)
      .execute();
    expect(audit.filter((row) => row.detail === "bad_password")).toHaveLength(5);
    expect(audit.filter((row) => row.detail === "locked")).toHaveLength(35);
  });

  test("29 wrong and then the right password while they hash: the right one is refused", async () => {
    const db = await databases.open(engine);
    const hash = gatedHash();
    const clock = testClock();
    const { app } = testApp({ db, clock, verifyPassword: hash.verify });
    const { agent, password } = await addAgent(db);
    const wrong = Array.from({ length: 29 }, (_, i) =>
      signInAs(app, agent.login, `wrong-${i}`, `198.51.100.${i}`),
    );
    await hash.reached(5);
    const right = signInAs(app, agent.login, password, "192.0.2.1");
    // Refused at once, or (the bug) in the hash with the others.
    await Promise.race([right, hash.reached(6)]);
    hash.open();
    const rightResponse = await right;
    const responses = await Promise.all(wrong);

    expect(rightResponse.status).toBe(429);
    expect(statuses(responses)).toEqual({ 401: 5, 429: 24 });
    expect(hash.started()).toBe(5);
    // The lock holds for the right password until it ends, then a success clears it.
    clock.advance(899);
    expect((await signInAs(app, agent.login, password)).status).toBe(429);
    clock.advance(1);
    expect((await signInAs(app, agent.login, password)).status).toBe(200);
    expect((await signInAs(app, agent.login, "wrong-again")).status).toBe(401);
    expect(hash.started()).toBe(7);
  });

  test("a burst over the per-address limit gets exactly 20 guesses checked", async () => {
    const db = await databases.open(engine);
    const hash = gatedHash();
    hash.open();
    const { app } = testApp({ db, verifyPassword: hash.verify });
    const logins = await Promise.all(
      Array.from({ length: 8 }, async () => (await addAgent(db)).agent.login),
    );
    // 8 logins × 4 guesses: no login reaches its own limit; the address does.
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) => signInAs(app, logins[i % 8] ?? "", `wrong-${i}`)),
    );
    expect(hash.started()).toBe(20);
    expect(statuses(responses)).toEqual({ 401: 20, 429: 12 });
  });

  test("a right password clears the login's failures and gives the address its slot back", async () => {
    const db = await databases.open(engine);
    const { app } = testApp({ db });
    const { agent, password } = await addAgent(db);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        expect((await signInAs(app, agent.login, `wrong-${i}`)).status).toBe(401);
      }
      expect((await signInAs(app, agent.login, password)).status).toBe(200);
    }
    // 12 failures and 3 successes from one address: the successes did not count.
    const others = await Promise.all(Array.from({ length: 8 }, () => addAgent(db)));
    for (const other of others) {
      expect((await signInAs(app, other.agent.login, other.password)).status).toBe(200);
    }
    for (let i = 0; i < 4; i++) {
      expect((await signInAs(app, others[0]?.agent.login ?? "", "wrong")).status).toBe(401);
    }
    expect((await signInAs(app, others[1]?.agent.login ?? "", "wrong")).status).toBe(401);
    expect((await signInAs(app, others[2]?.agent.login ?? "", "wrong")).status).toBe(401);
    expect((await signInAs(app, others[3]?.agent.login ?? "", "wrong")).status).toBe(401);
    expect((await signInAs(app, others[4]?.agent.login ?? "", "wrong")).status).toBe(401);
    // 20 failures now: the address is refused, even for a right password.
    expect(
      (await signInAs(app, others[5]?.agent.login ?? "", others[5]?.password ?? "")).status,
    ).toBe(429);
  });
});

test("two instances on one PostgreSQL: 39 wrong + the right one, exactly 5 hashed, no sign-in", async () => {
  const config = await databases.config("postgres");
  const [first, second] = [await databases.reopen(config), await databases.reopen(config)];
  const hash = gatedHash();
  const clock = testClock();
  const apps = [first, second].map((db) => testApp({ db, clock, verifyPassword: hash.verify }).app);
  const { agent, password } = await addAgent(first, { login: "admin", role: "admin" });
  const wrong = Array.from({ length: 39 }, (_, i) =>
    signInAs(apps[i % 2] as SignInApp, agent.login, `wrong-${i}`, `198.51.100.${i}`),
  );
  await hash.reached(5);
  const pending = signInAs(apps[1] as SignInApp, agent.login, password, "192.0.2.1");
  await Promise.race([pending, hash.reached(6)]);
  hash.open();
  const right = await pending;
  const responses = await Promise.all(wrong);
  expect(right.status).toBe(429);
  expect(statuses(responses)).toEqual({ 401: 5, 429: 34 });
  expect(hash.started()).toBe(5);
  expect(await first.selectFrom("sessions").select("agent_id").execute()).toEqual([]);
});
