import { parseArgs } from "node:util";
import {
  AgentError,
  createAgent,
  listAgents,
  MIN_PASSWORD_LENGTH,
  resetAgentPassword,
  setAgentDisabled,
} from "../auth/agents.ts";
import { type AgentRole, agentRoles, type Language, languages } from "../contract/auth.ts";
import { EnvError, loadEnv } from "../env.ts";
import type { Db } from "../store/db.ts";
import { openStore } from "../store/open-store.ts";

/**
 * The agent CLI's commands (`npm run agent -- <command> …`, entry point
 * `agent.ts`): manages console agents in the store the server uses (same env:
 * SQLITE_PATH or DATABASE_URL). Everything the process gives it — arguments,
 * environment, output, the password source — comes in `io`, so the tests run
 * it in-process.
 */
const USAGE = `Usage: npm run agent -- <command> [options]

Commands:
  add --login L --name N --user-code C [--role agent|admin] [--language en|hi] [--password P]
  list [--json]
  disable --login L          (also ends the agent's sessions)
  enable --login L
  reset-password --login L [--password P]   (also ends the agent's sessions)

Without --password the password is prompted for (hidden) on a terminal, or
read from the first line of stdin — preferable to --password, which shows up
in shell history and process lists. Passwords need ${MIN_PASSWORD_LENGTH}+ characters.
The store is the server's: SQLITE_PATH (default ./data/console.db) or DATABASE_URL.`;

/** A mistake in how the command was called: exit code 2, with the usage. */
class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export type AgentCliIo = {
  /** The environment the store is read from; `loadEnv`'s own (process.env) if not given. */
  env?: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Without --password: its first line, or on a terminal two hidden prompts. */
  stdin: AsyncIterable<string | Buffer> & { isTTY?: boolean };
  promptHidden: (question: string) => Promise<string>;
};

/** Runs one command; resolves with the exit code (0 done, 1 refused or failed, 2 usage). */
export async function runAgentCli(argv: string[], io: AgentCliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
      io.err(`Error: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof AgentError || error instanceof EnvError) {
      io.err(`Error: ${error.message}`);
      return EXIT_FAILED;
    }
    io.err(error instanceof Error ? `Error: ${error.message}` : String(error));
    return EXIT_FAILED;
  }
}

async function run(argv: string[], io: AgentCliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command ? EXIT_OK : EXIT_USAGE;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      login: { type: "string" },
      name: { type: "string" },
      "user-code": { type: "string" },
      role: { type: "string" },
      language: { type: "string" },
      password: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const required = (option: "login" | "name" | "user-code"): string => {
    const value = values[option];
    if (!value) throw new UsageError(`${command} needs --${option}`);
    return value;
  };

  const runOn = async (db: Db): Promise<void> => {
    switch (command) {
      case "add": {
        const role = values.role ?? "agent";
        if (!(agentRoles as readonly string[]).includes(role)) {
          throw new UsageError(`--role must be one of: ${agentRoles.join(", ")}`);
        }
        const language = values.language ?? "en";
        if (!(languages as readonly string[]).includes(language)) {
          throw new UsageError(`--language must be one of: ${languages.join(", ")}`);
        }
        const login = required("login");
        const name = required("name");
        const userCode = required("user-code");
        const password = values.password ?? (await readPassword(io));
        const agent = await createAgent(db, {
          login,
          name,
          userCode,
          password,
          role: role as AgentRole,
          language: language as Language,
        });
        io.out(
          `Added ${agent.role} '${agent.login}' (${agent.name}, user_code ${agent.ekoUserCode})`,
        );
        return;
      }
      case "list": {
        const agents = await listAgents(db);
        if (values.json) {
          const rows = agents.map(({ passwordHash: _, ...agent }) => agent);
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (agents.length === 0) {
          io.out("No agents yet. Add one: npm run agent -- add --login … --name … --user-code …");
          return;
        }
        io.out(
          formatTable([
            ["LOGIN", "NAME", "ROLE", "USER_CODE", "LANG", "STATUS", "CREATED"],
            ...agents.map((a) => [
              a.login,
              a.name,
              a.role,
              a.ekoUserCode,
              a.language,
              a.disabled ? "disabled" : "active",
              a.createdAt.slice(0, 10),
            ]),
          ]),
        );
        return;
      }
      case "disable":
      case "enable": {
        const agent = await setAgentDisabled(db, required("login"), command === "disable");
        io.out(
          command === "disable"
            ? `Disabled '${agent.login}' and ended their sessions`
            : `Enabled '${agent.login}'`,
        );
        return;
      }
      case "reset-password": {
        const login = required("login");
        const password = values.password ?? (await readPassword(io));
        const agent = await resetAgentPassword(db, login, password);
        io.out(`New password set for '${agent.login}'; their sessions were ended`);
        return;
      }
      default:
        throw new UsageError(`Unknown command '${command}'`);
    }
  };

  const env = loadEnv(io.env);
  const db = await openStore(env);
  try {
    await runOn(db);
    return EXIT_OK;
  } finally {
    await db.destroy();
  }
}

/** Hidden prompt (twice) on a terminal; otherwise the first line of stdin. */
async function readPassword({ stdin, promptHidden }: AgentCliIo): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
    const firstLine = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!firstLine) throw new UsageError("No password: pass --password or pipe it on stdin");
    return firstLine;
  }
  const first = await promptHidden("Password: ");
  const second = await promptHidden("Repeat password: ");
  if (first !== second) throw new AgentError("invalid_input", "The passwords do not match");
  return first;
}

/** Columns padded to their widest cell, one line per row. */
function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
