import { once } from "node:events";
import type { Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, expect, test, vi } from "vitest";
import type { Env } from "../env.ts";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, testApp, testEnv } from "../test-support/app.ts";
import { limitServer, SERVER_TIMEOUTS } from "./server-limits.ts";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The console as index.ts serves it: real sockets, the server's limits applied. */
async function served(
  vars: Record<string, string>,
): Promise<{ server: Server; port: number; env: Env; db: Db }> {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  cleanup.push(() => db.destroy());
  const env = testEnv(vars);
  const { app } = testApp({ db, env });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  limitServer(server, env);
  await once(server, "listening");
  cleanup.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { server, port: (server.address() as AddressInfo).port, env, db };
}

async function opened(port: number): Promise<Socket> {
  const socket = connect(port, "127.0.0.1");
  cleanup.push(() => {
    socket.destroy();
  });
  await once(socket, "connect");
  return socket;
}

/** Everything the server sent until it closed the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    received += chunk;
  });
  // A server that answers and closes while the client is still sending (the
  // dribbled body) can meet the client's next byte with a reset. That ends the
  // read as a close does ('close' follows); the tests check what was received.
  socket.on("error", () => {});
  return new Promise((resolve) => socket.once("close", () => resolve(received)));
}

const signInHead = (port: number, length: number) =>
  "POST /api/auth/sign-in HTTP/1.1\r\n" +
  `Host: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

test("a sign-in body dribbled a byte at a time gets a 408 in the error shape, and the socket is closed", async () => {
  const { port } = await served({ REQUEST_BODY_TIMEOUT_MS: "300" });
  const body = JSON.stringify({ login: "admin", password: "x".repeat(200) });
  const socket = await opened(port);
  const answer = readUntilClosed(socket);
  socket.write(signInHead(port, body.length) + body.slice(0, 5));
  let sent = 5;
  const dribble = setInterval(() => {
    if (socket.destroyed || sent >= body.length) return;
    socket.write(body[sent] ?? "");
    sent += 1;
  }, 20);
  cleanup.push(() => clearInterval(dribble));

  const response = await answer;
  expect(sent).toBeLessThan(body.length);
  const [head, json] = response.split("\r\n\r\n");
  expect(head).toMatch(/^HTTP\/1\.1 408 /);
  expect(head?.toLowerCase()).toContain("connection: close");
  expect(head?.toLowerCase()).toContain("cache-control: no-store");
  expect(JSON.parse(json ?? "")).toMatchObject({
    error: { code: "request_timeout", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  });
});

test("a body that arrives in pieces within the deadline is read and handled as usual", async () => {
  const { port, db } = await served({ REQUEST_BODY_TIMEOUT_MS: "10000" });
  const { agent, password } = await addAgent(db);
  const body = JSON.stringify({ login: agent.login, password });
  const socket = await opened(port);
  const answer = readUntilClosed(socket);
  socket.write(signInHead(port, body.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
  socket.write(body.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.write(body.slice(10));
  const response = await answer;
  expect(response).toMatch(/^HTTP\/1\.1 200 /);
  expect(response).toContain(`"login":"${agent.login}"`);
});

test("malformed JSON that arrives in pieces is still a 400 bad_request in the error shape", async () => {
  const { port } = await served({ REQUEST_BODY_TIMEOUT_MS: "10000" });
  const body = '{"login": "admin", "password": ';
  const socket = await opened(port);
  const answer = readUntilClosed(socket);
  socket.write(signInHead(port, body.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
  socket.write(body.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.write(body.slice(10));
  const [head, json] = (await answer).split("\r\n\r\n");
  expect(head).toMatch(/^HTTP\/1\.1 400 /);
  expect(JSON.parse(json ?? "")).toMatchObject({ error: { code: "bad_request" } });
});

test("an idle kept-alive connection stays open as long as the answer announces, and the announcement outlasts a 60 s client", async () => {
  const { server, port } = await served({});
  const accepted = once(server, "connection") as Promise<[Socket]>;
  const socket = await opened(port);
  const [serverSide] = await accepted;
  socket.setEncoding("utf8");
  let received = "";
  socket.on("data", (chunk: string) => {
    received += chunk;
  });
  socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  while (!/\r\n\r\n[\s\S]*\S/.test(received)) await once(socket, "data");

  const head = (received.split("\r\n\r\n")[0] ?? "").toLowerCase();
  expect(head).toMatch(/^http\/1\.1 200 /);
  expect(head).toContain("connection: keep-alive");
  const announced = Number(/\r\nkeep-alive: timeout=(\d+)/.exec(head)?.[1]) * 1000;
  // A proxy (60 s idle by default on the usual load balancers) or a Playwright request
  // context (at most one 60 s e2e test) must give the connection up before the server does.
  expect(announced).toBeGreaterThan(60_000);
  // The idle socket's own clock, set once the answer is out: never before what was announced.
  await vi.waitFor(() => expect(serverSide.timeout).toBeGreaterThan(0));
  expect(serverSide.timeout).toBeGreaterThanOrEqual(announced);
  expect(serverSide.timeout).toBe(
    SERVER_TIMEOUTS.keepAliveTimeoutMs + SERVER_TIMEOUTS.keepAliveTimeoutBufferMs,
  );
  expect(socket.destroyed).toBe(false);
});

test("one address holds at most MAX_CONNECTIONS_PER_IP connections; a closed one frees its place", async () => {
  const { server, port } = await served({ MAX_CONNECTIONS_PER_IP: "3" });
  expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeoutMs);
  expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeoutMs);
  const held = [await opened(port), await opened(port), await opened(port)];
  const refused = await opened(port);
  const refusedAnswer = await readUntilClosed(refused);
  expect(refusedAnswer).toBe("");

  // The held ones still work.
  const first = held[0] as Socket;
  const answer = readUntilClosed(first);
  first.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  expect(await answer).toMatch(/^HTTP\/1\.1 200 /);

  // Its place is free once the server has seen it close.
  while ((await new Promise<number>((r) => server.getConnections((_e, n) => r(n)))) > 2) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const next = await opened(port);
  const nextAnswer = readUntilClosed(next);
  next.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  expect(await nextAnswer).toMatch(/^HTTP\/1\.1 200 /);
});

test("the cap defaults to 64 per address, and to none behind a proxy (every socket is the proxy's)", () => {
  expect(testEnv().connections).toEqual({ maxPerAddress: 64, bodyTimeoutMs: 10_000 });
  expect(testEnv({ TRUST_PROXY: "true" }).connections.maxPerAddress).toBe(0);
  expect(
    testEnv({ TRUST_PROXY: "true", MAX_CONNECTIONS_PER_IP: "500" }).connections.maxPerAddress,
  ).toBe(500);
  expect(() => testEnv({ MAX_CONNECTIONS_PER_IP: "-1" })).toThrow(/MAX_CONNECTIONS_PER_IP/);
});
