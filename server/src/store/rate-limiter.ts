import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./db.ts";

export type RateLimit = {
  /** How many calls a window allows. */
  limit: number;
  windowSeconds: number;
  /** Once `limit` is reached, refuse everything for this long (sign-in lockout). */
  lockSeconds?: number;
};

export type RateLimitResult = {
  allowed: boolean;
  /** Calls counted in the current window, this one included. */
  count: number;
  /** 0 when allowed; else whole seconds until a call can succeed (the Retry-After header). */
  retryAfterSeconds: number;
};

export type RateLimiter = {
  /** Counts one call and says whether it is within the limit. Atomic on both engines. */
  consume(key: string, limit: RateLimit): Promise<RateLimitResult>;
  /** Whether one more call would be allowed, without counting it (check before a password/OTP check). */
  peek(key: string, limit: RateLimit): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
  /** Deletes counters whose window and lock have both ended. */
  purgeExpired(): Promise<void>;
};

/**
 * Fixed-window counters in the `rate_limits` table, so every instance on one
 * database shares them. One `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * per call: no read-modify-write race between instances.
 */
export function createRateLimiter(db: Db, now: () => Date = () => new Date()): RateLimiter {
  return {
    async consume(key, { limit, windowSeconds, lockSeconds }) {
      const at = now();
      const nowIso = at.toISOString();
      const windowEnd = new Date(at.getTime() + windowSeconds * 1000).toISOString();
      const lockEnd = lockSeconds
        ? new Date(at.getTime() + lockSeconds * 1000).toISOString()
        : null;
      // SET expressions see the row as it was before this statement, on both engines.
      const locked = sql`rate_limits.locked_until > ${nowIso}`;
      const expired = sql`rate_limits.window_ends_at <= ${nowIso}`;
      // A running lock keeps counting in its old window, so the count stays above
      // the limit until the lock ends, however short the window.
      const newCount = sql<number>`CASE WHEN ${locked} THEN rate_limits.count + 1 WHEN ${expired} THEN 1 ELSE rate_limits.count + 1 END`;
      const row = await db
        .insertInto("rate_limits")
        .values({
          key: storageKey(key),
          count: 1,
          window_ends_at: windowEnd,
          locked_until: lockEnd && limit <= 1 ? lockEnd : null,
        })
        .onConflict((conflict) =>
          conflict.column("key").doUpdateSet({
            count: newCount,
            window_ends_at: sql<string>`CASE WHEN ${locked} THEN rate_limits.window_ends_at WHEN ${expired} THEN ${windowEnd} ELSE rate_limits.window_ends_at END`,
            locked_until: lockEnd
              ? sql<
                  string | null
                >`CASE WHEN ${locked} THEN rate_limits.locked_until WHEN (${newCount}) >= ${limit} THEN ${lockEnd} ELSE NULL END`
              : sql<string | null>`CASE WHEN ${locked} THEN rate_limits.locked_until ELSE NULL END`,
          }),
        )
        .returning(["count", "window_ends_at", "locked_until"])
        .executeTakeFirstOrThrow();
      const count = Number(row.count);
      if (count <= limit) return { allowed: true, count, retryAfterSeconds: 0 };
      return { allowed: false, count, retryAfterSeconds: secondsUntil(at, row) };
    },

    async peek(key, { limit }) {
      const at = now();
      const row = await db
        .selectFrom("rate_limits")
        .select(["count", "window_ends_at", "locked_until"])
        .where("key", "=", storageKey(key))
        .executeTakeFirst();
      if (!row) return { allowed: true, count: 0, retryAfterSeconds: 0 };
      const nowMs = at.getTime();
      const isLocked = row.locked_until !== null && Date.parse(row.locked_until) > nowMs;
      const windowOpen = Date.parse(row.window_ends_at) > nowMs;
      const count = windowOpen || isLocked ? Number(row.count) : 0;
      if (!isLocked && count < limit) return { allowed: true, count, retryAfterSeconds: 0 };
      return { allowed: false, count, retryAfterSeconds: secondsUntil(at, row) };
    },

    async reset(key) {
      await db.deleteFrom("rate_limits").where("key", "=", storageKey(key)).execute();
    },

    async purgeExpired() {
      const nowIso = now().toISOString();
      await db
        .deleteFrom("rate_limits")
        .where("window_ends_at", "<=", nowIso)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", nowIso)]))
        .execute();
    },
  };
}

/**
 * Keys name people (a mobile, a login, an IP); the table only needs to tell
 * them apart. `otp-send:mobile:9876543210` is stored as `otp-send:mobile:<sha256>`.
 */
function storageKey(key: string): string {
  const cut = key.lastIndexOf(":");
  const scope = cut >= 0 ? key.slice(0, cut) : "";
  const subject = cut >= 0 ? key.slice(cut + 1) : key;
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 32);
  return scope ? `${scope}:${digest}` : digest;
}

function secondsUntil(
  at: Date,
  row: { window_ends_at: string; locked_until: string | null },
): number {
  const lockEnd = row.locked_until ? Date.parse(row.locked_until) : 0;
  const windowEnd = Date.parse(row.window_ends_at);
  const until = lockEnd > at.getTime() ? Math.max(lockEnd, windowEnd) : windowEnd;
  return Math.max(1, Math.ceil((until - at.getTime()) / 1000));
}
