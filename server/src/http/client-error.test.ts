import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, expect, test } from "vitest";
import { createLogger } from "../logger.ts";
import { answerClientErrors } from "./client-error.ts";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function start(): Promise<number> {
  const app = new Hono().get("/", (c) => c.text("ok"));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  answerClientErrors(server, createLogger("silent"));
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/** Raw bytes in, the whole answer out: fetch would refuse to send such headers itself. */
async function rawExchange(port: number, request: string): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.write(request);
  await once(socket, "close");
  return Buffer.concat(chunks).toString("utf8");
}

function parse(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return { statusLine, headers, body: JSON.parse(body) };
}

test("headers over Node's limit: 431 in the console's JSON error shape, with a request id", async () => {
  const port = await start();
  const cookie = `eko_session=${"x".repeat(20_000)}`;
  const answer = parse(
    await rawExchange(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`),
  );
  expect(answer.statusLine).toBe("HTTP/1.1 431 Request Header Fields Too Large");
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.body).toEqual({
    error: {
      code: "bad_request",
      message: expect.stringContaining("headers are too large"),
      requestId: answer.headers["x-request-id"],
    },
  });
});

test("a request Node cannot parse: 400 in the same shape; a normal request is untouched", async () => {
  const port = await start();
  const answer = parse(await rawExchange(port, "NOT A REQUEST\r\n\r\n"));
  expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
  expect(answer.body.error).toMatchObject({ code: "bad_request" });
  const ok = await fetch(`http://127.0.0.1:${port}/`);
  expect(await ok.text()).toBe("ok");
});
