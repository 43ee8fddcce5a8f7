import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { Route, Router, Switch } from "wouter";
import { setLeaveCheck, useGuardedHistoryState, useGuardedLocation } from "./guarded-location.ts";

function Page({ tick }: { tick: number }) {
  const state = useGuardedHistoryState() as { name?: string } | null;
  return (
    <Router hook={useGuardedLocation}>
      <Switch>
        <Route path="/form">
          <input aria-label="Full name" />
          <p>
            form {state?.name} {tick}
          </p>
        </Route>
        <Route>
          <p>elsewhere {tick}</p>
        </Route>
      </Switch>
    </Router>
  );
}

/**
 * What Chromium does on Back: the URL (and history.state) change first and
 * `popstate` follows later. The unpatched History method moves the URL
 * without any event, as the traversal does.
 */
function traverseWithoutEvent(url: string, state: unknown) {
  History.prototype.replaceState.call(window.history, state, "", url);
}

let resetCheck: () => void = () => {};
beforeEach(() => {
  window.history.replaceState({ name: "entry" }, "", "/form");
});
afterEach(() => {
  resetCheck();
});

test("a render between the URL change and popstate still shows the page the agent is on", async () => {
  resetCheck = setLeaveCheck(() => false);
  const { rerender } = render(<Page tick={1} />);
  const input = screen.getByLabelText("Full name") as HTMLInputElement;
  input.value = "Half Typed";

  traverseWithoutEvent("/", null);
  rerender(<Page tick={2} />);
  expect(screen.getByText("form entry 2")).toBeInTheDocument();

  await act(async () => {
    window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
  });
  // Refused: the agent's entry is back on top, the form as it was.
  expect(window.location.pathname).toBe("/form");
  expect(window.history.state).toEqual({ name: "entry" });
  expect(screen.getByLabelText("Full name")).toBe(input);
  expect(input.value).toBe("Half Typed");
});

test("a Back let through moves the router once popstate arrives", async () => {
  const check = vi.fn(() => true);
  resetCheck = setLeaveCheck(check);
  render(<Page tick={1} />);
  traverseWithoutEvent("/", null);
  await act(async () => {
    window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
  });
  expect(check).toHaveBeenCalledTimes(1);
  expect(screen.getByText("elsewhere 1")).toBeInTheDocument();
});

test("pushes and replaces (the app's own navigation) are never held", async () => {
  resetCheck = setLeaveCheck(() => false);
  render(<Page tick={1} />);
  await act(async () => {
    window.history.pushState(null, "", "/activity");
  });
  expect(screen.getByText("elsewhere 1")).toBeInTheDocument();
});
