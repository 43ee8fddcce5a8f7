/**
 * The registration form survives a refresh (issue #15 §3): what the agent
 * typed sits in sessionStorage — this tab only, gone when it closes — keyed
 * by flow. Cleared on submit and when the agent serves the next customer.
 * The form holds no Aadhaar number, and nothing else may be added here that
 * the README's security section keeps out of browser storage.
 */
export type OnboardingDraft = {
  name: string;
  /** As typed: "17/05/1990". */
  dob: string;
  address: { line: string; city: string; state: string; pincode: string };
};

const prefix = "onboarding-draft:";

export function readOnboardingDraft(flowId: string): OnboardingDraft | undefined {
  try {
    const text = sessionStorage.getItem(prefix + flowId);
    if (!text) return undefined;
    const draft = JSON.parse(text) as Partial<OnboardingDraft>;
    return {
      name: String(draft.name ?? ""),
      dob: String(draft.dob ?? ""),
      address: {
        line: String(draft.address?.line ?? ""),
        city: String(draft.address?.city ?? ""),
        state: String(draft.address?.state ?? ""),
        pincode: String(draft.address?.pincode ?? ""),
      },
    };
  } catch {
    return undefined;
  }
}

export function saveOnboardingDraft(flowId: string, draft: OnboardingDraft): void {
  try {
    sessionStorage.setItem(prefix + flowId, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works, it just won't survive a refresh.
  }
}

/** One flow's draft, or every draft (the next customer). */
export function clearOnboardingDrafts(flowId?: string): void {
  try {
    if (flowId) {
      sessionStorage.removeItem(prefix + flowId);
      return;
    }
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(prefix)) sessionStorage.removeItem(key);
    }
  } catch {
    // Nothing stored.
  }
}
