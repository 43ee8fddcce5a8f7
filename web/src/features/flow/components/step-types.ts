import type { Step } from "#contract/flow-view.ts";

/** The step of one kind, e.g. `StepOf<"otp">`. */
export type StepOf<Kind extends Step["kind"]> = Extract<Step, { kind: Kind }>;
