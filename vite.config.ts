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
        extends: false,
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
