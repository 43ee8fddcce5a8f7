import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import { flowHarnesses } from "../test-support/flow-harness.ts";

/*
 * The console against Eko's own fixture replayer, @ekoindia/eps-mock-server
 * (eko-api.md §14): a plain node:http server on PORT, no base path, no
 * signatures, no state — every call answers the published sample. This
 * proves Eko's published shapes and paths; the sandbox proves behaviour.
 */

let replayer: ChildProcess;
let replayerUrl = "";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const script = createRequire(import.meta.url).resolve("@ekoindia/eps-mock-server/dist/index.js");
  const port = await freePort();
  // process.execPath: the Node 24 that runs the tests (the replayer needs ≥ 18).
  replayer = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replayer did not start:\n${output}`)), 20_000);
    replayer.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    replayer.once("exit", (code) => reject(new Error(`replayer exited ${code}:\n${output}`)));
  });
  replayerUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  replayer?.kill("SIGKILL");
});

const harness = flowHarnesses();
const onReplayer = () => harness({ env: { EKO_ENV: "uat", EKO_BASE_URL: replayerUrl } });

test("DigiKhata, existing sender: Get Sender (2129) → Verify Sender OTP → the published profile", async () => {
  const h = await onReplayer();
  const started = await h.start("digikhata", "8617567988");
  expect(started.step).toMatchObject({ kind: "otp", purpose: "mobile", sentTo: "••••••7988" });
  const verified = await h.api("POST", `/${started.id}/otp/verify`, { otp: "123456" });
  expect(verified.status).toBe(200);
  expect((verified.json as FlowView).step).toMatchObject({
    kind: "profile",
    profile: { name: "Yashwant Basnett", kyc: "full_kyc", totalMonthlyLimit: 50000 },
  });
});

test("Levin: Get Sender (2129) → Verify Sender OTP (legacy path 404 → master) → the published profile", async () => {
  const h = await onReplayer();
  const started = await h.start("levin", "9444444444");
  expect(started.step).toMatchObject({ kind: "otp", purpose: "mobile" });
  const verified = await h.api("POST", `/${started.id}/otp/verify`, { otp: "123456" });
  expect(verified.status, JSON.stringify(verified.json)).toBe(200);
  expect((verified.json as FlowView).step).toMatchObject({
    kind: "profile",
    profile: { name: "Shobhit", balance: 0, nextAllowedLimit: 50000 },
  });
  // The remembered master path: a second sender goes straight there and completes too.
  const again = await h.start("levin", "9444444445");
  const second = await h.api("POST", `/${again.id}/otp/verify`, { otp: "654321" });
  expect((second.json as FlowView).step.kind).toBe("profile");
});
