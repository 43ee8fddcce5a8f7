import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";
import { jsonOf, signedHeaders } from "./test-support.ts";

/* `npm run sandbox` really starts: one start-up line, then it serves under /sandbox. */

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill();
  child = null;
});

test("main.ts serves the sandbox under /sandbox on SANDBOX_PORT", async () => {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  child = spawn(process.execPath, [main], {
    env: { ...process.env, SANDBOX_PORT: "0", HOST: "127.0.0.1", SANDBOX_FIXED_OTP: "135790" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  const line = chunk.toString();
  expect(line.trim().split("\n")).toHaveLength(1);
  const base = /(http:\/\/127\.0\.0\.1:\d+\/sandbox)\/ekoapi\/v3/.exec(line)?.[1];
  expect(base).toBeDefined();

  const response = await fetch(
    `${base}/ekoapi/v3/customer/profile/9000000001?initiator_id=9962981729&user_code=20810200`,
    { headers: signedHeaders(Date.now()) },
  );
  expect((await jsonOf(response)).response_type_id).toBe(2129);
  const outbox = (await (await fetch(`${base}/outbox?mobile=9000000001`)).json()) as {
    otp: string;
  }[];
  expect(outbox[0]?.otp).toBe("135790");
});
