import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "hono";
import type { Fault } from "./scenarios.ts";

/*
 * Transport faults (eko-api.md §7.1, §14.1 item 8): what the console must
 * survive between it and Eko. None of these bodies is an Eko envelope.
 */

export const SLOW_DEFAULT_MS = 20_000;

const BAD_GATEWAY_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

/** Cut off mid-profile: what a proxy that dropped the connection half-way hands back. */
const TRUNCATED_JSON =
  '{"response_status_id":-1,"data":{"customer_profile":{"total_monthly_limit":"50000.0","mo';

type SocketCarrier = { incoming?: { socket?: { destroy: () => void } } };

/**
 * Answers the fault, or resolves to null once a `slow` fault has waited, so
 * the normal answer follows.
 */
export async function runFault(
  c: Context,
  fault: Fault,
  delayMs: number | null,
): Promise<Response | null> {
  switch (fault) {
    case "slow":
      await sleep(delayMs ?? SLOW_DEFAULT_MS);
      return null;
    case "403":
      return c.json({ status: 1, message: "Forbidden — invalid developer_key or secret-key" }, 403);
    case "500":
      return c.json({ status: 1, message: "Internal Server Error" }, 500);
    case "malformed":
      return c.body(TRUNCATED_JSON, 200, { "content-type": "application/json" });
    case "html":
      return c.html(BAD_GATEWAY_PAGE, 502);
    case "reset": {
      // @hono/node-server passes the Node request as c.env.incoming.
      const socket = (c.env as SocketCarrier | undefined)?.incoming?.socket;
      if (socket) {
        socket.destroy();
        return c.body(null, 500);
      }
      // In-process `app.request` has no socket: the closest thing is a network error.
      return Response.error();
    }
  }
}
