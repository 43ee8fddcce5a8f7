import { expect, test } from "vitest";
import type { Step } from "#contract/flow-view.ts";
import { mobileOtpStep } from "../../../test/steps.ts";
import {
  decideStepRoute,
  isSeenEntry,
  stepEntryState,
  stepPath,
  stepSlug,
} from "./step-history.ts";
import { stepNames } from "./step-names.ts";

const flowId = "flow_0123456789abcdef";
const otp = mobileOtpStep;
const onboard: Step = { kind: "onboard" };
const seen = (slug: string) => stepEntryState(flowId, slug);

test("each step has its own URL segment, OTPs by purpose", () => {
  expect(stepSlug(onboard)).toBe("onboard");
  expect(stepSlug(otp)).toBe("otp-mobile");
  expect(stepSlug({ ...otp, purpose: "aadhaar" })).toBe("otp-aadhaar");
  expect(stepSlug({ kind: "status_unknown" } as Step)).toBe("status-unknown");
  expect(stepPath(flowId, "otp-mobile")).toBe(`/flow/${flowId}/otp-mobile`);
  // Every segment a step can have is named for the agent.
  for (const slug of ["onboard", "otp-mobile", "otp-aadhaar", "status-unknown", "wallet-renew"]) {
    expect(stepNames[slug]).toBeDefined();
  }
});

test("the flow's own URL becomes the current step's entry, in place", () => {
  expect(
    decideStepRoute({ flowId, current: otp, urlSlug: undefined, entryState: null, previous: null }),
  ).toEqual({ show: "current", navigate: { to: `/flow/${flowId}/otp-mobile`, replace: true } });
});

test("on the current step's own entry nothing moves; an unmarked one is marked in place", () => {
  const input = { flowId, current: otp, urlSlug: "otp-mobile", previous: null };
  expect(decideStepRoute({ ...input, entryState: seen("otp-mobile") })).toEqual({
    show: "current",
  });
  expect(decideStepRoute({ ...input, entryState: null })).toEqual({
    show: "current",
    navigate: { to: `/flow/${flowId}/otp-mobile`, replace: true },
  });
});

test("a step reached from the one on screen gets a new history entry", () => {
  expect(
    decideStepRoute({
      flowId,
      current: otp,
      urlSlug: "onboard",
      entryState: seen("onboard"),
      previous: { urlSlug: "onboard", currentSlug: "onboard" },
    }),
  ).toEqual({ show: "current", navigate: { to: `/flow/${flowId}/otp-mobile`, replace: false } });
});

test("Back or Forward to a step this tab showed and the flow has left: the done notice, no move", () => {
  expect(
    decideStepRoute({
      flowId,
      current: otp,
      urlSlug: "onboard",
      entryState: seen("onboard"),
      previous: { urlSlug: "otp-mobile", currentSlug: "otp-mobile" },
    }),
  ).toEqual({ show: "done", seenSlug: "onboard" });
});

test("a step never shown in this tab (typed URL, another flow's entry) shows the current step", () => {
  const typed = { flowId, current: onboard, urlSlug: "pan", previous: null };
  const toCurrent = { show: "current", navigate: { to: `/flow/${flowId}/onboard`, replace: true } };
  expect(decideStepRoute({ ...typed, entryState: null })).toEqual(toCurrent);
  expect(
    decideStepRoute({ ...typed, entryState: stepEntryState("flow_other_flow_0000", "pan") }),
  ).toEqual(toCurrent);
  expect(isSeenEntry({ seenStep: { flowId, slug: "pan" } }, flowId, "pan")).toBe(true);
  expect(isSeenEntry("junk", flowId, "pan")).toBe(false);
});
