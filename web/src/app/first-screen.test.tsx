import { I18nProvider } from "@lingui/react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { Agent } from "../features/sign-in/api/get-me.ts";
import { signInReasons } from "../features/sign-in/components/sign-in-reasons.ts";
import { completeEnglish, createAppI18n } from "../lib/app-i18n.ts";
import { activateLanguage, createI18n } from "../lib/i18n.ts";
import { startSignedOut } from "./first-screen.tsx";
import { SignInScreen } from "./sign-in-screen.tsx";

const agent: Agent = {
  id: "a1",
  login: "demo",
  name: "Demo Agent",
  userCode: "20810200",
  role: "agent",
  language: "en",
  mustChangePassword: false,
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
const json = ({ status, body, headers }: Answer) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
const unauthenticated: Answer = {
  status: 401,
  body: { error: { code: "unauthenticated", message: "Sign in", requestId: "r1" } },
};

/** `fetch` answering by "METHOD /path", recording every call. */
function stubApi(answers: Record<string, Answer>) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const call = `${init?.method ?? "GET"} ${url}`;
      calls.push(call);
      const answer = answers[call];
      if (!answer) throw new TypeError(`no answer for ${call}`);
      return json(answer);
    }),
  );
  return calls;
}

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

test("the first screen's catalog has every word the sign-in screen can show", async () => {
  const i18n = createI18n();
  const missing: string[] = [];
  i18n.on("missing", ({ id }) => missing.push(id));
  stubApi({
    "POST /api/auth/sign-in": {
      status: 429,
      body: { error: { code: "rate_limited", message: "", details: { retryAfterSeconds: 700 } } },
    },
  });
  const user = userEvent.setup();
  for (const reason of [null, ...signInReasons]) {
    const { unmount } = render(
      <I18nProvider i18n={i18n}>
        <SignInScreen reason={reason} onSignedIn={() => undefined} />
      </I18nProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByText("Enter your login.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Login"), "demo");
    await user.type(screen.getByLabelText("Password"), "secret");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/12 minutes/);
    unmount();
  }
  expect(missing).toEqual([]);
});

test("a wrong password warns how many tries are left; a locked login says whom to ask", async () => {
  const i18n = createI18n();
  const missing: string[] = [];
  i18n.on("missing", ({ id }) => missing.push(id));
  const user = userEvent.setup();
  const answers: Record<string, Answer> = {
    "POST /api/auth/sign-in": {
      status: 401,
      body: {
        error: {
          code: "unauthenticated",
          message: "",
          requestId: "r2",
          details: { reason: "bad-credentials", triesLeft: 2 },
        },
      },
    },
  };
  stubApi(answers);
  const { unmount } = render(
    <I18nProvider i18n={i18n}>
      <SignInScreen reason={null} onSignedIn={() => undefined} />
    </I18nProvider>,
  );
  await user.type(screen.getByLabelText("Login"), "demo");
  await user.type(screen.getByLabelText("Password"), "wrong");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "2 tries left before this login is locked.",
  );

  answers["POST /api/auth/sign-in"] = {
    status: 429,
    body: {
      error: {
        code: "rate_limited",
        message: "",
        requestId: "r3",
        details: { retryAfterSeconds: 840, scope: "login" },
      },
    },
  };
  await user.type(screen.getByLabelText("Password"), "right-one");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByText(/ask your admin/)).toHaveTextContent(/14 minutes/);
  expect(missing).toEqual([]);
  unmount();
});

test("signed out: the live form replaces the page at once, on /sign-in with the way back", async () => {
  window.history.replaceState(null, "", "/flow/abcdefghijklmnop1234");
  const calls = stubApi({ "GET /api/auth/me": unauthenticated });
  const container = document.body.appendChild(document.createElement("div"));
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    await startSignedOut(root);
  });

  expect(window.location.pathname + window.location.search).toBe(
    "/sign-in?returnTo=%2Fflow%2Fabcdefghijklmnop1234",
  );
  const view = within(container);
  expect(view.getByLabelText("Login")).toBeEnabled();
  expect(container.querySelector("[inert]")).toBeNull();
  expect(calls).toEqual(["GET /api/auth/me"]);
  act(() => root?.unmount());
});

test("signing in on the first screen hands over to the app: one request, no second `me`, no list fetch", async () => {
  const inProgress = {
    id: "abcdefghijklmnop1234",
    rail: "levin",
    mobileMasked: "••••••3210",
    customerName: "Asha Devi",
    step: "onboard",
    startedAt: new Date().toISOString(),
    otpExpiresAt: null,
  };
  const calls = stubApi({
    "GET /api/auth/me": unauthenticated,
    // The sign-in answer carries the start page's customers in progress.
    "POST /api/auth/sign-in": {
      status: 200,
      body: { agent, openFlows: { flows: [inProgress], maxAgeMinutes: 120 } },
    },
  });
  const container = document.body.appendChild(document.createElement("div"));
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    await startSignedOut(root);
  });
  const view = within(container);
  const user = userEvent.setup();
  await user.type(view.getByLabelText("Login"), "demo");
  await user.type(view.getByLabelText("Password"), "secret");
  await user.click(view.getByRole("button", { name: "Sign in" }));

  expect(
    await view.findByRole("heading", { level: 1, name: "Start with the customer's mobile number" }),
  ).toBeInTheDocument();
  expect(view.getByText(/Demo Agent/)).toBeInTheDocument();
  expect(await view.findByText(/Asha Devi/)).toBeInTheDocument();
  expect(window.location.pathname).toBe("/");
  expect(calls.filter((call) => call.startsWith("GET /api/flows"))).toEqual([]);
  expect(calls.filter((call) => call.includes("/api/auth/"))).toEqual([
    "GET /api/auth/me",
    "POST /api/auth/sign-in",
  ]);
  act(() => root?.unmount());
});

test("the app's English survives a switch to Hindi and back, on either instance", async () => {
  const fromFirstScreen = createI18n();
  await activateLanguage(fromFirstScreen, "hi");
  completeEnglish(fromFirstScreen);
  for (const i18n of [createAppI18n(), fromFirstScreen]) {
    await activateLanguage(i18n, "hi");
    expect(i18n._("start.title")).not.toBe("start.title");
    await activateLanguage(i18n, "en");
    expect(i18n._("start.title")).toBe("Start with the customer's mobile number");
    expect(i18n._("signin.title")).toBe("Sign in to the Eko OTP console");
  }
});
