import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, expect, test } from "vitest";
import { exchange } from "./http-exchange.ts";

/*
 * A pooled keep-alive socket that the server closes just as the client reuses
 * it: the request is written onto a dead connection and resets before any
 * answer, although the server never saw it. For a write, that reset would put
 * the step in doubt (status_unknown) for nothing.
 */

type Counting = { server: Server; origin: string; received: string[]; sockets: Set<Socket> };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function countingServer(keepAliveTimeoutMs = 60_000): Promise<Counting> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    received.push(req.method ?? "?");
    req.resume();
    req.on("end", () => res.end('{"ok":true}'));
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, received, sockets };
}

const send = (origin: string, method: string, path = "/x") =>
  exchange(new URL(path, origin), {
    method,
    headers: { "content-type": "application/json" },
    ...(method === "GET" ? {} : { body: "{}" }),
    signal: AbortSignal.timeout(5_000),
  });

test("a write is not sent on a pooled socket the server is closing: it reaches the server", async () => {
  const eko = await countingServer();
  await send(eko.origin, "GET", "/warm");
  expect(eko.sockets.size).toBe(1);
  // The server drops its idle connection; in the same tick (as on a busy event loop, before
  // the client has read the FIN) the console sends a write.
  for (const socket of eko.sockets) socket.destroy();
  const answer = await send(eko.origin, "POST", "/write");
  expect(answer).toEqual({ status: 200, text: '{"ok":true}' });
  expect(eko.received).toEqual(["GET", "POST"]);
});

test("pooled sockets are closed by the client before the server's announced keep-alive timeout", async () => {
  // Node answers `Keep-Alive: timeout=2` and closes at 2 s + 1 s; the pool must let go first.
  const eko = await countingServer(2_000);
  const [socket] = await Promise.all([
    once(eko.server, "connection").then(([s]) => s as Socket),
    send(eko.origin, "GET"),
  ]);
  const closedBy = await new Promise<"client" | "server">((resolve) => {
    socket.once("end", () => resolve("client"));
    socket.once("close", () => resolve("server"));
  });
  expect(closedBy).toBe("client");
});
