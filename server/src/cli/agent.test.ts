import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, expect, test } from "vitest";
import { findAgentByLogin } from "../auth/agents.ts";
import { verifyPassword } from "../auth/password.ts";
import { openStore } from "../store/open-store.ts";
import { runNode } from "../test-support/processes.ts";
import { runAgentCli } from "./agent-cli.ts";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "eko-cli-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Only what the CLI needs: a stray DATABASE_URL must not point the test elsewhere. */
const cliEnv = () => ({ SQLITE_PATH: join(dir, "data", "console.db"), LOG_LEVEL: "silent" });

/**
 * `npm run agent -- …` in-process against a SQLite file in the temp dir: the
 * same commands, exit codes and words as the process (one test below spawns
 * it), without a Node start-up per command.
 */
async function cli(
  args: string[],
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runAgentCli(args, {
    env: cliEnv(),
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
    stdin: Readable.from(stdin ? [stdin] : []),
    promptHidden: () => Promise.reject(new Error("not a terminal")),
  });
  return { code, stdout, stderr };
}

async function agentInStore(login: string) {
  const db = await openStore({
    database: { kind: "sqlite", path: join(dir, "data", "console.db") },
  });
  try {
    return await findAgentByLogin(db, login);
  } finally {
    await db.destroy();
  }
}

test("the real process: `node server/src/cli/agent.ts add` takes the password from stdin, the store from its environment, and exits 0", async () => {
  const added = await runNode(
    "cli/agent.ts",
    ["add", "--login", "meera", "--name", "Meera", "--user-code", "20810200"],
    cliEnv(),
    "long-enough-pw\n",
  );
  expect(added).toBe("Added agent 'meera' (Meera, user_code 20810200)\n");
  const stored = await agentInStore("meera");
  expect(await verifyPassword("long-enough-pw", stored?.passwordHash ?? "")).toBe(true);
});

test("add (password on stdin), list, disable, enable, reset-password", async () => {
  const add = await cli(
    ["add", "--login", "Asha", "--name", "Asha K", "--user-code", "20810200", "--role", "admin"],
    "a-long-password\n",
  );
  expect(add).toMatchObject({
    code: 0,
    stdout: "Added admin 'asha' (Asha K, user_code 20810200)\n",
  });
  const stored = await agentInStore("asha");
  expect(stored).toMatchObject({ role: "admin", ekoUserCode: "20810200", disabled: false });
  expect(stored?.passwordHash).not.toContain("a-long-password");
  expect(await verifyPassword("a-long-password", stored?.passwordHash ?? "")).toBe(true);

  const list = await cli(["list"]);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^LOGIN\s+NAME\s+ROLE\s+USER_CODE\s+LANG\s+STATUS\s+CREATED\n/);
  expect(list.stdout).toMatch(/asha\s+Asha K\s+admin\s+20810200\s+en\s+active/);
  expect(list.stdout).not.toContain("scrypt");

  // The last active admin cannot be disabled (the same rule as the Agents page).
  const last = await cli(["disable", "--login", "asha"]);
  expect(last.code).toBe(1);
  expect(last.stderr).toContain("last active admin");
  const boss = ["add", "--login", "boss", "--name", "Boss", "--user-code", "20810200"];
  expect((await cli([...boss, "--role", "admin", "--password", "boss-password"])).code).toBe(0);
  expect(await cli(["disable", "--login", "asha"])).toMatchObject({ code: 0 });
  expect(await agentInStore("asha")).toMatchObject({ disabled: true });
  const json = await cli(["list", "--json"]);
  expect(JSON.parse(json.stdout)).toMatchObject([
    { login: "asha", disabled: true },
    { login: "boss", disabled: false },
  ]);
  expect(json.stdout).not.toContain("passwordHash");
  expect(await cli(["enable", "--login", "asha"])).toMatchObject({ code: 0 });

  const reset = await cli(["reset-password", "--login", "asha", "--password", "another-password"]);
  expect(reset.code).toBe(0);
  const after = await agentInStore("asha");
  expect(await verifyPassword("another-password", after?.passwordHash ?? "")).toBe(true);
  expect(await verifyPassword("a-long-password", after?.passwordHash ?? "")).toBe(false);
});

test("clear errors and non-zero exit codes", async () => {
  const add = ["add", "--login", "ravi", "--name", "Ravi", "--user-code", "20810200"];
  expect((await cli([...add, "--password", "long-enough-pw"])).code).toBe(0);

  // Each command line as typed (no argument has a space in it).
  const cases: Array<[string, string, number]> = [
    [`${add.join(" ")} --password long-enough-pw`, "An agent with login 'ravi' already exists", 1],
    [
      "add --login x1 --name X --user-code 20810200 --password too-short",
      "at least 10 characters",
      1,
    ],
    [
      "add --login x1 --name X --user-code 2081-0200 --password long-enough-pw",
      "user_code must be",
      1,
    ],
    ["disable --login ghost", "No agent with login 'ghost'", 1],
    ["reset-password --login ghost --password long-enough-pw", "No agent with login 'ghost'", 1],
    [
      "add --login x1 --name X --user-code 20810200 --role root --password long-enough-pw",
      "--role must be one of: agent, admin",
      2,
    ],
    ["add --name X --user-code 20810200 --password long-enough-pw", "add needs --login", 2],
    ["frobnicate", "Unknown command 'frobnicate'", 2],
    ["list --colour", "Unknown option '--colour'", 2],
    ["add --login x1 --name X --user-code 20810200", "No password", 2],
  ];
  for (const [line, message, code] of cases) {
    const args = line.split(" ");
    const result = await cli(args);
    expect({ args, code: result.code }).toEqual({ args, code });
    expect(result.stderr).toContain(message);
  }
  expect(await agentInStore("x1")).toBeNull();
});
