import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { lingui } from "@lingui/vite-plugin";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { prerenderFirstScreens } from "./web/build/prerender-plugin.ts";

/**
 * Brotli and gzip copies of every text asset, written once at build time and
 * served as they are (serveStatic `precompressed` in server/src/web-assets.ts):
 * on a counter's slow mobile data, the 220 KB entry script is 69 KB gzipped
 * and less as Brotli, at no CPU cost per request.
 */
function precompressAssets(): Plugin {
  return {
    name: "precompress-assets",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "web/dist";
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const source = await readFile(join(dir, fileName));
        const brotli = brotliCompressSync(source, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        });
        await writeFile(join(dir, `${fileName}.br`), brotli);
        await writeFile(join(dir, `${fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

const serverPort = Number(process.env.PORT ?? 3000);

export default defineConfig({
  root: "web",
  plugins: [
    react(),
    lingui({ configPath: "web/lingui.config.ts" }),
    tailwindcss(),
    // The first screen as static HTML in #root (see the plugin); before the
    // precompression below, which compresses what was written.
    prerenderFirstScreens(),
    precompressAssets(),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Maps are written for whoever debugs a build, but no shipped file points at them
    // and the server never serves them (server/src/web-assets.ts): the source stays ours.
    sourcemap: "hidden",
    // Current browsers all support <link rel="modulepreload"> (Chrome/Edge 66+, Firefox 115+,
    // Safari 17+); one that does not still loads every chunk, only without the early
    // fetch. The polyfill would cost bytes of the first chunk on every visit.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // contract/*.ts build zod schemas at module top level. Marking `z.…` calls pure lets
      // web code import a plain helper (normaliseMobile) without pulling zod into the first
      // chunks; schemas that are used are kept (web/src: keep zod in the lazy flow chunks).
      treeshake: { manualPureFunctions: ["z"] },
    },
  },
  server: {
    // `npm run dev`: Vite serves the SPA with HMR and forwards the server's routes.
    proxy: {
      "/api": `http://127.0.0.1:${serverPort + 1}`,
      "/sandbox": `http://127.0.0.1:${serverPort + 1}`,
      "/healthz": `http://127.0.0.1:${serverPort + 1}`,
    },
  },
  test: {
    root: ".",
    projects: [
      {
        test: {
          name: "server",
          root: "server",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "web",
          root: "web",
          include: ["src/**/*.test.{ts,tsx}", "build/**/*.test.ts"],
          environment: "jsdom",
          setupFiles: ["./src/test/setup.ts"],
        },
      },
    ],
  },
});
