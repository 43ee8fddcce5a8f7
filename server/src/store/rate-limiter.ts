import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { compiledOnce, type Db } from "./db.ts";
import { groupCommitOf } from "./group-commit.ts";
import type { Database } from "./schema.ts";

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

/**
 * A slot taken by `reserve`. Hold it while the slow or external work runs;
 * call `release()` only when the outcome proves nothing happened (a sign-in
 * whose password was right, an Eko refusal that proves no OTP left).
 */
export type Reservation = RateLimitResult & {
  /**
   * Gives the slot back: the counter drops by one and a lock this limit set
   * lifts. A no-op for a refused reservation, a second call, or once the
   * window the slot was taken in has ended or been reset.
   */
  release(): Promise<void>;
};

export type SlotRequest = { key: string; limit: RateLimit };

/** Every slot taken, or the first key refused (by index) and nothing taken. */
export type Reservations =
  | { allowed: true; slots: Reservation[] }
  | { allowed: false; refused: number; retryAfterSeconds: number };

/** Thrown inside the transaction to roll back the slots taken before a refused one. */
class SlotRefused {
  readonly index: number;
  readonly retryAfterSeconds: number;
  constructor(index: number, retryAfterSeconds: number) {
    this.index = index;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type RateLimiter = {
  /**
   * Reserve, then act: takes one slot atomically *before* the work it limits
   * (one `INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING`, which holds the
   * row lock on PostgreSQL and runs alone on SQLite), so N concurrent callers
   * get exactly `limit` slots between them, on one instance or many sharing a
   * database. A refused reservation is not counted: `count` is the slots held.
   * With `lockSeconds`, taking the `limit`-th slot locks the key; a locked key
   * refuses every reservation until the lock ends.
   */
  reserve(key: string, limit: RateLimit): Promise<Reservation>;
  /**
   * Takes one slot of each key, all or none, in one transaction: a refused
   * key rolls back the slots taken before it, so a full per-mobile limit does
   * not use up the per-agent one (and the reverse). Commits with the turn's
   * other writes (group commit), so a flow step pays no COMMIT of its own for it.
   * Keys are taken in the order given; callers use one order, so two
   * PostgreSQL transactions never wait on each other's rows in a cycle.
   */
  reserveAll(takes: readonly SlotRequest[]): Promise<Reservations>;
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
  const commit = groupCommitOf(db);
  const refusedSlot = async (key: string, at: Date): Promise<Reservation> => {
    // Only for Retry-After: the refusal itself was decided atomically above.
    const row = (await readCounter(db, { key })).rows[0];
    return {
      allowed: false,
      count: row ? Number(row.count) : 0,
      retryAfterSeconds: row ? secondsUntil(at, row) : 1,
      release: async () => {},
    };
  };

  const takenSlot = (
    stored: string,
    limit: number,
    row: { count: number | string; window_ends_at: string },
  ): Reservation => {
    const slotWindow = row.window_ends_at;
    let released = false;
    return {
      allowed: true,
      count: Number(row.count),
      retryAfterSeconds: 0,
      async release() {
        if (released) return;
        released = true;
        // Same window only: a slot from a window that has ended (or a counter reset since)
        // is already gone; giving it back would hand out a slot nobody took.
        // Nobody waits on a given-back slot but its caller: it commits with the turn's saves.
        await commit((trx) => releaseSlot(trx, { limit, key: stored, window: slotWindow }));
      },
    };
  };

  return {
    async reserve(key, limit) {
      const at = now();
      const stored = storageKey(key);
      const { rows } = await reserveRow(db, stored, limit, at);
      const row = rows[0];
      return row ? takenSlot(stored, limit.limit, row) : refusedSlot(stored, at);
    },

    async reserveAll(takes) {
      const at = now();
      const stored = takes.map((take) => storageKey(take.key));
      try {
        const rows = await commit(async (trx) => {
          const taken = [];
          for (const [index, take] of takes.entries()) {
            const row = (await reserveRow(trx, stored[index] as string, take.limit, at)).rows[0];
            if (!row) {
              // Read here, not after the rollback: on SQLite the batch it shared is
              // rolled back and run again, and until then the counter may not be there.
              const counter = (await readCounter(trx, { key: stored[index] })).rows[0];
              throw new SlotRefused(index, counter ? secondsUntil(at, counter) : 1);
            }
            taken.push(row);
          }
          return taken;
        });
        return {
          allowed: true,
          slots: rows.map((row, index) =>
            takenSlot(stored[index] as string, (takes[index] as SlotRequest).limit.limit, row),
          ),
        };
      } catch (error) {
        if (!(error instanceof SlotRefused)) throw error;
        return { allowed: false, refused: error.index, retryAfterSeconds: error.retryAfterSeconds };
      }
    },

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
      const row = (await readCounter(db, { key: storageKey(key) })).rows[0];
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

/*
 * The hot statements, compiled once (store/db.ts): every limited flow step
 * reserves and gives back one or two slots. compiledOnce binds each name
 * once, so a value the SQL needs several times comes as several names.
 */

const COUNTING_NAMES = [
  "key",
  "windowEnd",
  "initialLock",
  "nowUnlocked",
  "nowCount",
  "nowWindow",
  "windowEndAgain",
  "nowWhere",
  "limit",
] as const;
/** With a lock: the lock's end, and the new count (its own `now`) compared with the limit. */
const LOCKING_NAMES = [...COUNTING_NAMES, "nowLockCount", "lockLimit", "lockEnd"] as const;
type ReserveValues = Record<(typeof LOCKING_NAMES)[number], never>;

/**
 * `INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING`: the compare that makes
 * it a reservation is the WHERE — a full or locked key is not updated, so
 * RETURNING yields no row and the caller is refused without being counted.
 * With a lock (sign-in), taking the `limit`-th slot locks the key.
 */
function reserveStatement(db: Kysely<Database>, value: ReserveValues, locking: boolean) {
  const unlocked = sql`(rate_limits.locked_until IS NULL OR rate_limits.locked_until <= ${value.nowUnlocked})`;
  const expired = (now: unknown) => sql`rate_limits.window_ends_at <= ${now}`;
  const newCount = (now: unknown) =>
    sql<number>`CASE WHEN ${expired(now)} THEN 1 ELSE rate_limits.count + 1 END`;
  return db
    .insertInto("rate_limits")
    .values({
      key: value.key,
      count: 1,
      window_ends_at: value.windowEnd,
      locked_until: value.initialLock,
    })
    .onConflict((conflict) =>
      conflict
        .column("key")
        .doUpdateSet({
          count: newCount(value.nowCount),
          window_ends_at: sql<string>`CASE WHEN ${expired(value.nowWindow)} THEN ${value.windowEndAgain} ELSE rate_limits.window_ends_at END`,
          locked_until: locking
            ? sql<
                string | null
              >`CASE WHEN (${newCount(value.nowLockCount)}) >= ${value.lockLimit} THEN ${value.lockEnd} ELSE NULL END`
            : null,
        })
        .where(
          sql<boolean>`${unlocked} AND (${expired(value.nowWhere)} OR rate_limits.count < ${value.limit})`,
        ),
    )
    .returning(["count", "window_ends_at"]);
}
const reserveCounting = compiledOnce(COUNTING_NAMES, (db, value) =>
  reserveStatement(db, value as ReserveValues, false),
);
const reserveLocking = compiledOnce(LOCKING_NAMES, (db, value) =>
  reserveStatement(db, value, true),
);

/** Gives one slot back, in the window it was taken in only; a lock it set lifts. */
const releaseSlot = compiledOnce(["limit", "key", "window"], (db, value) =>
  db
    .updateTable("rate_limits")
    .set({
      count: sql<number>`count - 1`,
      locked_until: sql<
        string | null
      >`CASE WHEN count - 1 < ${value.limit} THEN NULL ELSE locked_until END`,
    })
    .where("key", "=", value.key)
    .where("window_ends_at", "=", value.window)
    .where("count", ">", 0),
);

const readCounter = compiledOnce(["key"], (db, value) =>
  db
    .selectFrom("rate_limits")
    .select(["count", "window_ends_at", "locked_until"])
    .where("key", "=", value.key),
);

/** One reservation's statement (with or without a lock), on the database or a transaction. */
function reserveRow(
  db: Kysely<Database>,
  stored: string,
  { limit, windowSeconds, lockSeconds }: RateLimit,
  at: Date,
) {
  const nowIso = at.toISOString();
  const windowEnd = new Date(at.getTime() + windowSeconds * 1000).toISOString();
  const lockEnd = lockSeconds ? new Date(at.getTime() + lockSeconds * 1000).toISOString() : null;
  const counting = {
    key: stored,
    windowEnd,
    initialLock: lockEnd && limit <= 1 ? lockEnd : null,
    nowUnlocked: nowIso,
    nowCount: nowIso,
    nowWindow: nowIso,
    windowEndAgain: windowEnd,
    nowWhere: nowIso,
    limit,
  };
  return lockEnd
    ? reserveLocking(db, { ...counting, nowLockCount: nowIso, lockLimit: limit, lockEnd })
    : reserveCounting(db, counting);
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
