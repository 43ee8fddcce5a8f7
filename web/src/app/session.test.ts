import { expect, test } from "vitest";
import { safeReturnPath, signInHref, signInRedirect } from "./session.ts";

test("the return path keeps the flow id and query", () => {
  expect(safeReturnPath("/flow/abcdefghijklmnop1234")).toBe("/flow/abcdefghijklmnop1234");
  expect(safeReturnPath("/activity?from=2026-11-01")).toBe("/activity?from=2026-11-01");
});

test("only paths inside the app are followed after sign-in", () => {
  expect(safeReturnPath(null)).toBe("/");
  expect(safeReturnPath("https://evil.example/")).toBe("/");
  expect(safeReturnPath("//evil.example/")).toBe("/");
  expect(safeReturnPath("/\\evil.example/")).toBe("/");
  expect(safeReturnPath("/sign-in?returnTo=/x")).toBe("/");
});

test("the sign-in link carries where to return and why the session ended", () => {
  expect(signInHref("/flow/abcdefghijklmnop1234", "idle-timeout")).toBe(
    "/sign-in?returnTo=%2Fflow%2Fabcdefghijklmnop1234&reason=idle-timeout",
  );
  expect(signInHref("/", null)).toBe("/sign-in");
});

test("a 401 anywhere but on sign-in goes to sign-in, with the way back", () => {
  expect(signInRedirect({ pathname: "/flow/abcdefghijklmnop1234", search: "" }, null)).toBe(
    "/sign-in?returnTo=%2Fflow%2Fabcdefghijklmnop1234",
  );
  expect(signInRedirect({ pathname: "/activity", search: "?from=x" }, "expired")).toBe(
    "/sign-in?returnTo=%2Factivity%3Ffrom%3Dx&reason=expired",
  );
  expect(signInRedirect({ pathname: "/", search: "" }, null)).toBe("/sign-in");
  expect(signInRedirect({ pathname: "/sign-in", search: "?reason=expired" }, null)).toBeNull();
});
