import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { Link, Route, Router } from "wouter";
import type { FlowView, Step } from "#contract/flow-view.ts";
import { useGuardedLocation } from "../../../lib/guarded-location.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { mobileOtpStep } from "../../../test/steps.ts";
import { stepSlug } from "./step-history.ts";
import { useLeaveGuard, useUnsavedFormGuard } from "./unsaved-form-guard.ts";
import { useStepHistory } from "./use-step-history.ts";

const flowId = "flow_0123456789abcdef";
const onboard: Step = { kind: "onboard" };
const otp = mobileOtpStep;
const consent = { kind: "consent" } as Step;
const flowAt = (step: Step): FlowView => ({
  id: flowId,
  rail: "digikhata",
  mobileMasked: "••••••3210",
  step,
  updatedAt: new Date().toISOString(),
});

/** The flow route's history with the screen it decides, and a form that may be half filled. */
function Screen({ flow, step, dirty }: { flow: FlowView; step?: string; dirty: boolean }) {
  const { route, goToCurrent } = useStepHistory(flowId, step, flow);
  useUnsavedFormGuard(dirty && route?.show === "current");
  return (
    <>
      <p data-testid="screen">
        {route?.show === "done" ? `done ${route.seenSlug}` : `current ${stepSlug(flow.step)}`}
      </p>
      {route?.show === "current" ? <input aria-label="Full name" /> : null}
      <button type="button" onClick={goToCurrent}>
        go to current
      </button>
    </>
  );
}

function App({ flow, dirty = false }: { flow: FlowView; dirty?: boolean }) {
  useLeaveGuard("Leave?");
  return (
    <Router hook={useGuardedLocation}>
      <Route path="/flow/:flowId/:step?">
        {(params) => <Screen flow={flow} step={params.step} dirty={dirty} />}
      </Route>
      <Route path="/">
        <p data-testid="screen">start</p>
      </Route>
      <Link href="/activity">My activity</Link>
    </Router>
  );
}

const path = () => window.location.pathname;
const shown = () => screen.getByTestId("screen").textContent;
const stepUrl = (slug: string) => `/flow/${flowId}/${slug}`;

// Registered before any guard, so it hears every Back and Forward, even one the guard stops.
let traversed: (() => void) | null = null;
window.addEventListener("popstate", () => traversed?.(), { capture: true });

async function traverse(direction: "back" | "forward") {
  await act(async () => {
    const moved = new Promise<void>((resolve) => {
      traversed = resolve;
    });
    window.history[direction]();
    await moved;
  });
}
const back = () => traverse("back");
const forward = () => traverse("forward");

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  window.history.pushState(null, "", `/flow/${flowId}`);
});
afterEach(() => {
  vi.restoreAllMocks();
});

test("each step the agent reaches is an entry; Back and Forward show the steps seen as done; Back from the first returns to start", async () => {
  const length = window.history.length;
  const { rerender } = await renderWithProviders(<App flow={flowAt(onboard)} />);
  await waitFor(() => expect(path()).toBe(stepUrl("onboard")));
  // /flow/:id became the first step's entry, in place.
  expect(window.history.length).toBe(length);

  rerender(<App flow={flowAt(otp)} />);
  await waitFor(() => expect(path()).toBe(stepUrl("otp-mobile")));
  rerender(<App flow={flowAt(consent)} />);
  await waitFor(() => expect(path()).toBe(stepUrl("consent")));
  expect(window.history.length).toBe(length + 2);
  expect(shown()).toBe("current consent");

  await back();
  expect(path()).toBe(stepUrl("otp-mobile"));
  expect(shown()).toBe("done otp-mobile");
  await back();
  expect(path()).toBe(stepUrl("onboard"));
  expect(shown()).toBe("done onboard");
  await forward();
  expect(path()).toBe(stepUrl("otp-mobile"));
  expect(shown()).toBe("done otp-mobile");
  // Showing a step that is done moves nothing.
  expect(window.history.length).toBe(length + 2);

  await userEvent.setup().click(screen.getByRole("button", { name: "go to current" }));
  expect(path()).toBe(stepUrl("consent"));
  expect(shown()).toBe("current consent");

  await back();
  await back();
  await back();
  expect(path()).toBe("/");
  expect(shown()).toBe("start");
});

test("a typed URL of a step never shown here shows the current step, and the URL says so", async () => {
  window.history.replaceState(null, "", stepUrl("pan"));
  await renderWithProviders(<App flow={flowAt(otp)} />);
  await waitFor(() => expect(path()).toBe(stepUrl("otp-mobile")));
  expect(shown()).toBe("current otp-mobile");
});

test("with a half-filled form, Back and links ask first; 'no' keeps the agent and the form where they were", async () => {
  await renderWithProviders(<App flow={flowAt(onboard)} dirty />);
  await waitFor(() => expect(path()).toBe(stepUrl("onboard")));
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Full name"), "Half Typed");
  const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);

  await back();
  expect(confirm).toHaveBeenCalledWith("Leave?");
  expect(path()).toBe(stepUrl("onboard"));
  expect(shown()).toBe("current onboard");
  expect(screen.getByLabelText("Full name")).toHaveValue("Half Typed");

  await user.click(screen.getByRole("link", { name: "My activity" }));
  expect(confirm).toHaveBeenCalledTimes(2);
  expect(path()).toBe(stepUrl("onboard"));
  expect(screen.getByLabelText("Full name")).toHaveValue("Half Typed");

  confirm.mockReturnValue(true);
  await back();
  expect(path()).toBe("/");
  expect(shown()).toBe("start");
});

test("without a half-filled form nothing asks", async () => {
  await renderWithProviders(<App flow={flowAt(onboard)} />);
  await waitFor(() => expect(path()).toBe(stepUrl("onboard")));
  const confirm = vi.spyOn(window, "confirm");
  await back();
  expect(path()).toBe("/");
  await forward();
  await userEvent.setup().click(screen.getByRole("link", { name: "My activity" }));
  expect(path()).toBe("/activity");
  expect(confirm).not.toHaveBeenCalled();
});
