import { useEffect, useRef } from "react";
import { useLocation } from "wouter";
import type { FlowView } from "#contract/flow-view.ts";
import { useGuardedHistoryState } from "../../../lib/guarded-location.ts";
import {
  decideStepRoute,
  type ShownStep,
  type StepRoute,
  stepEntryState,
  stepPath,
  stepSlug,
} from "./step-history.ts";

/**
 * The flow URL's history (step-history.ts): decides the screen for this
 * render and moves the history after it — a new entry for each step the
 * agent reaches, the same entry corrected otherwise. `null` until the flow
 * has been read.
 */
export function useStepHistory(
  flowId: string,
  urlSlug: string | undefined,
  flow: FlowView | undefined,
): { route: StepRoute | null; goToCurrent: () => void } {
  const [, navigate] = useLocation();
  const entryState = useGuardedHistoryState();
  const previous = useRef<ShownStep | null>(null);
  const route = flow
    ? decideStepRoute({
        flowId,
        current: flow.step,
        urlSlug,
        entryState,
        previous: previous.current,
      })
    : null;
  const currentSlug = flow ? stepSlug(flow.step) : null;
  const move = route?.show === "current" ? route.navigate : undefined;
  const moveTo = move?.to;
  const moveReplace = move?.replace ?? true;

  useEffect(() => {
    if (currentSlug === null) return;
    previous.current = { urlSlug, currentSlug };
    if (moveTo !== undefined) {
      navigate(moveTo, { replace: moveReplace, state: stepEntryState(flowId, currentSlug) });
    }
  }, [flowId, urlSlug, currentSlug, moveTo, moveReplace, navigate]);

  return {
    route,
    goToCurrent: () => {
      if (currentSlug === null) return;
      navigate(stepPath(flowId, currentSlug), { state: stepEntryState(flowId, currentSlug) });
    },
  };
}
