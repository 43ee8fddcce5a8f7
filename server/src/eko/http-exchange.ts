import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * Node's own HTTP client on keep-alive pools rather than global `fetch`: no
 * WHATWG Request/Response/stream objects per call (about a tenth of the
 * console's CPU per request) and no undici module in memory (≈ 4 MB of the
 * 90 MB idle budget; README, Benchmarks).
 */

/**
 * How long a pooled socket may sit idle. Without a `timeout`, Node's agent
 * never expires a free socket — it even ignores the server's `Keep-Alive:
 * timeout=N` hint (it only ever lowers a non-zero timeout) — so the pool kept
 * sockets until the server closed them (Node servers: 5 s + 1 s) and the next
 * burst wrote requests onto sockets being closed: ECONNRESET before any
 * answer. With a timeout, a free socket closes at min(this, hint − 1 s). Like
 * undici's default for servers that announce nothing.
 */
export const FREE_SOCKET_TIMEOUT_MS = 4_000;

/*
 * Reads share a keep-alive pool (a GET that meets a reset is retried on a new
 * connection by the client). Writes always open their own connection: a
 * pooled socket can still be closing when the event loop is busy, and a POST
 * that resets there never reached Eko yet would be left in doubt — a new
 * connection cannot be idle-closed under it, so a reset then means real doubt.
 * The writes' agent keeps no sockets but does keep TLS sessions (cheap resumption).
 */
const pools = {
  "http:": {
    request: httpRequest,
    reads: new HttpAgent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS }),
    writes: new HttpAgent({ keepAlive: false }),
  },
  "https:": {
    request: httpsRequest,
    reads: new HttpsAgent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS }),
    writes: new HttpsAgent({ keepAlive: false }),
  },
};

type RawAnswer = { status: number; text: string };

/** One request; rejects on a socket error or when `signal` aborts (name AbortError). */
export function exchange(
  url: URL,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    /** A new connection rather than a pooled one: the retry after a pooled socket failed (writes always are). */
    fresh?: boolean;
  },
): Promise<RawAnswer> {
  const pool = url.protocol === "https:" ? pools["https:"] : pools["http:"];
  return new Promise((resolve, reject) => {
    const outgoing = pool.request(
      url,
      {
        method: init.method,
        // A declared length, not chunked encoding, which some gateways refuse.
        headers:
          init.body === undefined
            ? init.headers
            : { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
        agent: init.method !== "GET" ? pool.writes : init.fresh ? false : pool.reads,
        signal: init.signal,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        incoming.on("error", reject);
        // Aborted mid-body (timeout, reset): `end` never comes.
        incoming.on("close", () => {
          if (incoming.complete) return;
          reject(init.signal.aborted ? init.signal.reason : new Error("Eko's answer was cut off"));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}
