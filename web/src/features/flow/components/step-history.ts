import type { Step } from "#contract/flow-view.ts";

/*
 * Back and Forward between the steps the agent has seen (issue #15 §1). Each
 * step the agent reaches gets its own history entry, /flow/:flowId/:step,
 * marked in `history.state` as one this tab showed. Eko's flows never go back
 * a step and the server's FlowView is the truth, so an entry for a step the
 * flow has left shows a "this step is done" notice with the way to the
 * current step — it never sends anything again.
 */

/** A step's URL segment: "onboard", "otp-mobile", "status-unknown"… */
export function stepSlug(step: Step): string {
  const kind = step.kind.replaceAll("_", "-");
  return "purpose" in step ? `${kind}-${step.purpose}` : kind;
}

export function stepPath(flowId: string, slug: string): string {
  return `/flow/${flowId}/${slug}`;
}

/** What a step's history entry carries: this tab showed that step of that flow. */
export type StepEntryState = { seenStep: { flowId: string; slug: string } };

export function stepEntryState(flowId: string, slug: string): StepEntryState {
  return { seenStep: { flowId, slug } };
}

export function isSeenEntry(state: unknown, flowId: string, slug: string): boolean {
  const seen = (state as Partial<StepEntryState> | null)?.seenStep;
  return seen?.flowId === flowId && seen.slug === slug;
}

/** What this render of the flow URL showed: the URL's step and the flow's current one. */
export type ShownStep = { urlSlug: string | undefined; currentSlug: string };

export type StepRoute =
  | {
      show: "current";
      /** Where the URL must go to name the step on screen: a new entry, or this one corrected. */
      navigate?: { to: string; replace: boolean };
    }
  | { show: "done"; seenSlug: string };

/**
 * The one decision: which screen the flow URL shows and whether the history
 * moves. `previous` is what the last render of this route showed.
 */
export function decideStepRoute(input: {
  flowId: string;
  current: Step;
  urlSlug: string | undefined;
  entryState: unknown;
  previous: ShownStep | null;
}): StepRoute {
  const { flowId, urlSlug, entryState, previous } = input;
  const currentSlug = stepSlug(input.current);
  const toCurrent = stepPath(flowId, currentSlug);
  if (urlSlug === currentSlug) {
    // On the current step: mark the entry as seen (a typed or pasted URL is not yet).
    return isSeenEntry(entryState, flowId, currentSlug)
      ? { show: "current" }
      : { show: "current", navigate: { to: toCurrent, replace: true } };
  }
  // /flow/:id (start, Resume, My activity): this entry becomes the current step's.
  if (urlSlug === undefined) return { show: "current", navigate: { to: toCurrent, replace: true } };
  // The step on screen was current a moment ago and the flow moved on: a new entry.
  if (previous?.urlSlug === urlSlug && previous.currentSlug === urlSlug) {
    return { show: "current", navigate: { to: toCurrent, replace: false } };
  }
  // Back or Forward to a step this tab showed and the flow has left.
  if (isSeenEntry(entryState, flowId, urlSlug)) return { show: "done", seenSlug: urlSlug };
  // A step never shown here (a typed URL, a later step): the current one, honestly.
  return { show: "current", navigate: { to: toCurrent, replace: true } };
}
