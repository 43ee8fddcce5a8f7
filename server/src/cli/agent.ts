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
 * Manages console agents in the store the server uses (same env: SQLITE_PATH
 * or DATABASE_URL). `npm run agent -- <command> …`
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
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

  const run = async (db: Db): Promise<void> => {
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
        const password = values.password ?? (await readPassword());
        const agent = await createAgent(db, {
          login,
          name,
          userCode,
          password,
          role: role as AgentRole,
          language: language as Language,
        });
        console.log(
          `Added ${agent.role} '${agent.login}' (${agent.name}, user_code ${agent.ekoUserCode})`,
        );
        return;
      }
      case "list": {
        const agents = await listAgents(db);
        if (values.json) {
          const rows = agents.map(({ passwordHash: _, ...agent }) => agent);
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (agents.length === 0) {
          console.log(
            "No agents yet. Add one: npm run agent -- add --login … --name … --user-code …",
          );
          return;
        }
        printTable([
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
        ]);
        return;
      }
      case "disable":
      case "enable": {
        const agent = await setAgentDisabled(db, required("login"), command === "disable");
        console.log(
          command === "disable"
            ? `Disabled '${agent.login}' and ended their sessions`
            : `Enabled '${agent.login}'`,
        );
        return;
      }
      case "reset-password": {
        const login = required("login");
        const password = values.password ?? (await readPassword());
        const agent = await resetAgentPassword(db, login, password);
        console.log(`New password set for '${agent.login}'; their sessions were ended`);
        return;
      }
      default:
        throw new UsageError(`Unknown command '${command}'`);
    }
  };

  const env = loadEnv();
  const db = await openStore(env);
  try {
    await run(db);
    return EXIT_OK;
  } finally {
    await db.destroy();
  }
}

/** Hidden prompt (twice) on a terminal; otherwise the first line of stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    const firstLine = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!firstLine) throw new UsageError("No password: pass --password or pipe it on stdin");
    return firstLine;
  }
  const first = await promptHidden("Password: ");
  const second = await promptHidden("Repeat password: ");
  if (first !== second) throw new AgentError("invalid_input", "The passwords do not match");
  return first;
}

function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new AgentError("invalid_input", "Cancelled"));
          return;
        }
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join("  ")
        .trimEnd(),
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
      console.error(`Error: ${error.message}\n\n${USAGE}`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof AgentError || error instanceof EnvError) {
      console.error(`Error: ${error.message}`);
      process.exitCode = EXIT_FAILED;
    } else {
      console.error(error instanceof Error ? `Error: ${error.message}` : error);
      process.exitCode = EXIT_FAILED;
    }
  },
);
