import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mountWebApp, WEB_PAGES } from "./web-assets.ts";

// A stand-in for web/dist: each page says which it is.
const pages = {
  [WEB_PAGES.signedOut]: '<div id="root" data-prerendered="sign-in"></div>',
  [WEB_PAGES.appFrame]: '<div id="root" data-prerendered="app-frame"></div>',
};

async function distWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "eko-web-dist-"));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(dir, name), text);
    await writeFile(path.join(dir, `${name}.br`), brotliCompressSync(text));
  }
  return dir;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function appServing(files: Record<string, string>): Promise<Hono> {
  const dir = await distWith(files);
  dirs.push(dir);
  const app = new Hono();
  mountWebApp(app, dir);
  return app;
}

const shown = async (response: Response) =>
  /data-prerendered="([a-z-]+)"/.exec(await response.text())?.[1];

describe("the page's first screen", () => {
  let app: Hono;
  beforeAll(async () => {
    app = await appServing(pages);
  });

  test.each(["/", "/index.html", "/sign-in?reason=idle-timeout", "/flow/abc", "/activity"])(
    "%s without a session cookie: the sign-in screen",
    async (url) => {
      const response = await app.request(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await shown(response)).toBe("sign-in");
    },
  );

  test.each(["eko_session=abc", "theme=x; __Host-eko_session=abc"])(
    "with a session cookie (%s): the app frame, never a sign-in form",
    async (cookie) => {
      for (const url of ["/", "/flow/abc", "/sign-in"]) {
        expect(await shown(await app.request(url, { headers: { cookie } }))).toBe("app-frame");
      }
    },
  );

  test("a navigation from another site cannot show its cookie: the app frame", async () => {
    const crossSite = await app.request("/flow/abc", {
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(await shown(crossSite)).toBe("app-frame");
    const typed = await app.request("/", { headers: { "sec-fetch-site": "none" } });
    expect(await shown(typed)).toBe("sign-in");
  });

  test("precompressed, and varying with what picks the page", async () => {
    const response = await app.request("/flow/abc", { headers: { "accept-encoding": "gzip, br" } });
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("vary")).toBe("Cookie, Sec-Fetch-Site, Accept-Encoding");
  });

  test("API and sandbox paths are not pages", async () => {
    expect((await app.request("/api/nothing")).status).toBe(404);
    expect((await app.request("/sandbox/nothing")).status).toBe(404);
  });
});

test("hashed assets are served, their source maps never are", async () => {
  const dir = await distWith({
    ...pages,
    "app-1a2b.js": "console.log(1)",
    "app-1a2b.js.map": '{"version":3,"sourcesContent":["secret source"]}',
  });
  dirs.push(dir);
  const { mkdir, rename } = await import("node:fs/promises");
  await mkdir(path.join(dir, "assets"));
  for (const name of ["app-1a2b.js", "app-1a2b.js.br", "app-1a2b.js.map", "app-1a2b.js.map.br"]) {
    await rename(path.join(dir, name), path.join(dir, "assets", name));
  }
  const app = new Hono();
  mountWebApp(app, dir);
  const script = await app.request("/assets/app-1a2b.js");
  expect(script.status).toBe(200);
  expect(await script.text()).toBe("console.log(1)");
  for (const url of [
    "/assets/app-1a2b.js.map",
    "/assets/APP-1a2b.js.MAP",
    "/assets/app-1a2b.js.map?x=1",
  ]) {
    for (const encoding of ["", "br"]) {
      const response = await app.request(url, { headers: { "accept-encoding": encoding } });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("secret source");
    }
  }
});

test("a build without the frame page still serves its one page", async () => {
  const app = await appServing({ [WEB_PAGES.signedOut]: pages[WEB_PAGES.signedOut] });
  const response = await app.request("/flow/abc", { headers: { cookie: "eko_session=abc" } });
  expect(response.status).toBe(200);
  expect(await shown(response)).toBe("sign-in");
});
