import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./chromium.ts";

/**
 * Run before the e2e suite so `npm test` is the whole set-up: when no
 * Chromium exists, install one the way this platform allows — Debian's
 * package as root (no browser downloads from outside the package registries
 * here), otherwise Playwright's installer.
 */
const found = findChromium();
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`e2e: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
let result: ReturnType<typeof spawnSync>;
if (isRoot && hasApt) {
  console.log("e2e: no Chromium found — installing Debian's chromium package (apt-get)…");
  result = spawnSync("sh", ["-c", "apt-get update -qq && apt-get install -y -qq chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
} else {
  console.log(
    "e2e: no Chromium found — installing Playwright's Chromium (npx playwright install)…",
  );
  result = spawnSync(process.execPath, [playwrightCliPath(), "install", "chromium"], {
    stdio: "inherit",
  });
}
if (result.status !== 0 || !findChromium()) {
  console.error(
    "e2e: could not install Chromium. Install it yourself (Debian: `apt-get install chromium`) or set CHROMIUM_PATH.",
  );
  process.exit(1);
}
console.log(`e2e: installed Chromium at ${findChromium()}`);

function playwrightCliPath(): string {
  return execFileSync(process.execPath, ["-p", "require.resolve('@playwright/test/cli')"], {
    encoding: "utf8",
  }).trim();
}
