import { lingui } from "@lingui/vite-plugin";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const serverPort = Number(process.env.PORT ?? 3000);

export default defineConfig({
  root: "web",
  plugins: [react(), lingui({ configPath: "web/lingui.config.ts" }), tailwindcss()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
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
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./src/test/setup.ts"],
        },
      },
    ],
  },
});
