// @vitest-environment node
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appFrameHtml, fillRoot } from "./prerender-plugin.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The control a `<label for>` with exactly this text points at, as its opening tag. */
function labelledInput(html: string, label: string): string {
  const labelTag = new RegExp(`<label for="([^"]+)"[^>]*>${label}</label>`).exec(html);
  expect(labelTag, `a <label> "${label}"`).not.toBeNull();
  const input = new RegExp(`<input [^>]*id="${labelTag?.[1]}"[^>]*>`).exec(html);
  expect(input, `the input labelled "${label}"`).not.toBeNull();
  return input?.[0] ?? "";
}

describe("npm run build", () => {
  let outDir = "";
  const read = (file: string) => readFile(path.join(outDir, file));

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), "eko-web-build-"));
    await build({
      configFile: path.join(repoRoot, "vite.config.ts"),
      root: path.join(repoRoot, "web"),
      logLevel: "silent",
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  }, 120_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test("index.html already shows the sign-in screen, its fields labelled and disabled", async () => {
    const html = String(await read("index.html"));
    expect(html).toContain('<div id="root" data-prerendered="sign-in">');
    expect(html).toMatch(/<h1 [^>]*>Sign in to the Eko OTP console<\/h1>/);
    for (const label of ["Login", "Password"]) {
      expect(labelledInput(html, label)).toMatch(/ disabled=""/);
    }
    expect(html).toMatch(/<button type="submit" disabled=""[^>]*>Sign in<\/button>/);
    // Styled at first paint: the stylesheet is in the head, before the markup.
    expect(html.indexOf('rel="stylesheet"')).toBeLessThan(html.indexOf("<body>"));
  });

  test("app-frame.html has the same head and the frame instead of the form", async () => {
    const signedOut = String(await read("index.html"));
    const frame = String(await read(appFrameHtml));
    expect(frame).toContain('<div id="root" data-prerendered="app-frame">');
    expect(frame).not.toContain("<form");
    const head = (html: string) => html.slice(0, html.indexOf("<body>"));
    expect(head(frame)).toBe(head(signedOut));
  });

  test("the .br and .gz copies are of the final pages", async () => {
    for (const file of ["index.html", appFrameHtml]) {
      const page = await read(file);
      expect(brotliDecompressSync(await read(`${file}.br`)).equals(page), `${file}.br`).toBe(true);
      expect(gunzipSync(await read(`${file}.gz`)).equals(page), `${file}.gz`).toBe(true);
    }
  });
});

test("fillRoot insists on exactly one empty #root", () => {
  expect(fillRoot('<body><div id="root"></div></body>', "sign-in", "<p>hi</p>")).toBe(
    '<body><div id="root" data-prerendered="sign-in"><p>hi</p></div></body>',
  );
  expect(() => fillRoot("<body></body>", "sign-in", "")).toThrow(/exactly one/);
  expect(() => fillRoot('<div id="root"></div><div id="root"></div>', "app-frame", "")).toThrow(
    /exactly one/,
  );
});
