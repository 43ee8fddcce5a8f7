import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { Env } from "../env.ts";

/**
 * Node's own clocks for a slow client, as a backstop below the app's body
 * deadline (middleware/body-deadline.ts): the headers within 10 s (Node's
 * default is 60 s), the whole request within 30 s (default 300 s) — Node then
 * answers a bare 408 and closes.
 *
 * An idle kept-alive connection is kept 65 s (Node's default is 5 s), and
 * every answer announces it as `Keep-Alive: timeout=65`; Node 24 closes the
 * socket only `keepAliveTimeoutBuffer` (1 s) after that. Whole seconds, as the
 * header carries them. The server must be the last to give up an idle
 * connection: a client that reuses a socket the server is closing writes its
 * request onto a dead connection and gets ECONNRESET before any answer — and
 * a pooled `http.Agent({ keepAlive: true })` without a `timeout` (Playwright's
 * request contexts) ignores the announcement and keeps sockets until the
 * server closes them. 65 s outlasts a proxy's usual 60 s idle timeout and an
 * e2e test (60 s), the longest a Playwright request context lives (README →
 * Tests, _ECONNRESET in e2e_).
 */
export const SERVER_TIMEOUTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  keepAliveTimeoutBufferMs: 1_000,
} as const;

/**
 * Applies the timeouts and caps how many connections one client address may
 * hold open at once (`MAX_CONNECTIONS_PER_IP`): one address cannot take every
 * socket the process has by opening connections and never finishing them.
 * The address is the socket's peer, never X-Forwarded-For (a header arrives
 * after the connection is accepted, and is the client's to write); behind a
 * proxy (TRUST_PROXY) every connection is the proxy's, so the default there
 * is no cap. A connection over the cap is closed at once, before a byte is
 * read: an HTTP answer would need the request it is refusing to wait for.
 */
export function limitServer(server: Server, { connections }: Pick<Env, "connections">): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;
  server.keepAliveTimeoutBuffer = SERVER_TIMEOUTS.keepAliveTimeoutBufferMs;
  const max = connections.maxPerAddress;
  if (max <= 0) return;

  const open = new Map<string, number>();
  // First in line, so a refused socket never reaches the HTTP parser.
  server.prependListener("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
