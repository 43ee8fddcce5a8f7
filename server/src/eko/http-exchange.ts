import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * Node's own HTTP client on keep-alive pools rather than global `fetch`: no
 * WHATWG Request/Response/stream objects per call (about a tenth of the
 * console's CPU per request) and no undici module in memory (≈ 4 MB of the
 * 90 MB idle budget; README, Benchmarks).
 */
const pools = {
  "http:": { request: httpRequest, agent: new HttpAgent({ keepAlive: true }) },
  "https:": { request: httpsRequest, agent: new HttpsAgent({ keepAlive: true }) },
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
    /** A new connection rather than a pooled one: the retry after a pooled socket failed. */
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
        agent: init.fresh ? false : pool.agent,
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
