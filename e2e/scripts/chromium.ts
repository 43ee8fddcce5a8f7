import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Which Chromium the e2e suite drives, in order: CHROMIUM_PATH, the system
 * `chromium` (Debian's package; this machine cannot download Playwright's
 * build), then Playwright's own if one was installed.
 */
export function findChromium(): string | null {
  const override = process.env.CHROMIUM_PATH;
  if (override) return existsSync(override) ? override : null;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execFileSync("which", [name], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return playwrightOwnChromium();
}

function playwrightOwnChromium(): string | null {
  try {
    const registryPath = execFileSync(
      process.execPath,
      ["-e", "process.stdout.write(require('playwright-core').chromium.executablePath())"],
      { encoding: "utf8" },
    ).trim();
    return registryPath && existsSync(registryPath) ? registryPath : null;
  } catch {
    return null;
  }
}
