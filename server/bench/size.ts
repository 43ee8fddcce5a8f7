import { readFileSync } from "node:fs";
import path from "node:path";
import filePlugin from "@size-limit/file";
import sizeLimit from "size-limit";

/**
 * `npm run test:size`: the web app's initial JS against its gzip budget.
 *
 * "Initial" means exactly what index.html makes the browser fetch before the
 * first screen — its `<script type="module" src>` and `<link rel="modulepreload">`
 * — not every chunk in web/dist/assets (route chunks load on demand, and a glob
 * cannot tell them apart: Vite names both after their source module). So the
 * package.json check points at the built index.html, this script resolves it to
 * those files, and size-limit's own @size-limit/file measures them.
 */
const root = path.resolve(import.meta.dirname, "../..");

/** The `src`/`href` of the entry module scripts and module preloads in built HTML. */
export function initialScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}=["']?([^"'\\s>]+)`, "i").exec(tag)?.[1];
    const isEntry = tag.toLowerCase().startsWith("<script") && attr("type") === "module";
    const isPreload = tag.toLowerCase().startsWith("<link") && attr("rel") === "modulepreload";
    const url = isEntry ? attr("src") : isPreload ? attr("href") : undefined;
    if (url && !/^[a-z]+:/i.test(url) && !url.startsWith("//") && !found.includes(url))
      found.push(url);
  }
  return found;
}

/** "80 KB" → 80000 bytes, as size-limit reads it (decimal kB). */
function parseLimit(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(k|m)?i?b$/i.exec(limit.trim());
  if (!match?.[1]) throw new Error(`size-limit: cannot read limit "${limit}"`);
  const unit = match[2]?.toLowerCase();
  return Math.floor(Number(match[1]) * (unit === "m" ? 1e6 : unit === "k" ? 1e3 : 1));
}

export type SizeCheck = { name?: string; path: string; limit: string; gzip?: boolean };
export type SizeResult = {
  name: string;
  files: { file: string; bytes: number }[];
  totalBytes: number;
  limitBytes: number;
  pass: boolean;
};

export function sizeChecks(): SizeCheck[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    "size-limit"?: SizeCheck[];
  };
  const checks = pkg["size-limit"] ?? [];
  if (checks.length === 0) throw new Error('package.json has no "size-limit" checks');
  return checks;
}

export async function measureCheck(check: SizeCheck): Promise<SizeResult> {
  const htmlPath = path.join(root, check.path);
  const distDir = path.dirname(htmlPath);
  const files = initialScripts(readFileSync(htmlPath, "utf8")).map((url) =>
    path.join(distDir, url.replace(/^\//, "")),
  );
  if (files.length === 0) throw new Error(`${check.path} references no module script`);
  const perFile = (await sizeLimit([filePlugin], {
    checks: files.map((file) => ({ files: [file], gzip: check.gzip ?? true })),
  })) as { size: number }[];
  const sized = files.map((file, index) => ({
    file: path.relative(root, file),
    bytes: perFile[index]?.size ?? 0,
  }));
  const totalBytes = sized.reduce((sum, entry) => sum + entry.bytes, 0);
  const limitBytes = parseLimit(check.limit);
  return {
    name: check.name ?? check.path,
    files: sized,
    totalBytes,
    limitBytes,
    pass: totalBytes <= limitBytes,
  };
}

async function main(): Promise<number> {
  let failed = false;
  for (const check of sizeChecks()) {
    const result = await measureCheck(check);
    failed ||= !result.pass;
    const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
    console.log(
      `${result.pass ? "PASS" : "FAIL"} ${result.name}: ${kb(result.totalBytes)} gzip (limit ${check.limit})`,
    );
    for (const entry of result.files) console.log(`  ${entry.file}  ${kb(entry.bytes)}`);
  }
  return failed ? 1 : 0;
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
