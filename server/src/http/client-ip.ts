import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Env } from "../env.ts";

/**
 * The address per-IP limits count against. Behind one reverse proxy
 * (TRUST_PROXY=true) that is the last X-Forwarded-For hop — the one our proxy
 * appended; earlier hops are whatever the client claimed. Otherwise the
 * socket's peer. "unknown" when neither exists (in-process tests).
 */
export function clientIp(c: Context, env: Pick<Env, "trustProxy">): string {
  if (env.trustProxy) {
    const hops = c.req.header("x-forwarded-for")?.split(",") ?? [];
    const last = hops.at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
