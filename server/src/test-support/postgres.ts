import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export type PostgresServer = {
  /** `postgres://…/test`: a database created for the caller. */
  url: string;
  /** Another empty database on the same cluster (one per test keeps tests independent). */
  createDatabase(): Promise<string>;
  /** Shuts the cluster down and removes its data directory. */
  stop(): Promise<void>;
};

/**
 * A throwaway PostgreSQL cluster from the machine's binaries, on a free port,
 * in a temp directory. PostgreSQL refuses to run as root, so under root (CI
 * containers) the cluster runs as the `postgres` system user if there is one,
 * else `nobody`, through `runuser`.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findBinDir();
  const user = process.getuid?.() === 0 ? unprivilegedUser() : null;
  const dir = await mkdtemp(join(tmpdir(), "eko-pg-"));
  const dataDir = join(dir, "data");
  if (user) await chown(dir, user.uid, user.gid);

  const exec = async (program: string, args: string[]) => {
    const file = bin ? join(bin, program) : program;
    const [command, commandArgs] = user
      ? ["runuser", ["-u", user.name, "--", file, ...args]]
      : [file, args];
    try {
      await run(command, commandArgs, { cwd: dir, timeout: 60_000 });
    } catch (error) {
      const log = await readFile(join(dir, "server.log"), "utf8").catch(() => "");
      throw new Error(`${program} failed: ${explain(error)}\n${log}`, { cause: error });
    }
  };
  const pgCtl = (args: string[]) => exec("pg_ctl", ["-D", dataDir, ...args]);

  let started = false;
  const stopNow = () => {
    // Last resort if the test process exits without calling stop().
    if (!started) return;
    const file = bin ? join(bin, "pg_ctl") : "pg_ctl";
    const args = ["-D", dataDir, "-m", "immediate", "stop"];
    if (user) spawnSync("runuser", ["-u", user.name, "--", file, ...args]);
    else spawnSync(file, args);
  };

  try {
    await exec("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        "-h 127.0.0.1",
        `-k ${dir}`,
        // Durability is pointless for a throwaway cluster; speed is not.
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
      ].join(" ");
      try {
        await pgCtl(["-l", join(dir, "server.log"), "-o", options, "-w", "-t", "30", "start"]);
        break;
      } catch (error) {
        // Another process may have taken the port between our probe and start-up.
        if (attempt >= 3) throw error;
      }
    }
    started = true;
    process.once("exit", stopNow);

    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let counter = 0;
    const createDatabase = async () => {
      counter += 1;
      const name = `test_${counter}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    const url = await createDatabase();

    return {
      url,
      createDatabase,
      stop: async () => {
        if (started) {
          await pgCtl(["-m", "fast", "-w", "stop"]);
          started = false;
          process.off("exit", stopNow);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopNow();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Debian/Ubuntu keep the server binaries off PATH, in /usr/lib/postgresql/<major>/bin. */
function findBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const dir = join(root, major, "bin");
      if (existsSync(join(dir, "initdb"))) return dir;
    }
  }
  return null; // rely on PATH (initdb, pg_ctl)
}

function unprivilegedUser(): { name: string; uid: number; gid: number } {
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) {
      return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    }
  }
  throw new Error("Running as root, but there is no 'postgres' or 'nobody' user to run PostgreSQL");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function explain(error: unknown): string {
  if (error && typeof error === "object" && "stderr" in error) {
    const stderr = String((error as { stderr: unknown }).stderr).trim();
    if (stderr) return stderr;
  }
  return error instanceof Error ? error.message : String(error);
}
