import type { Step } from "../../../../server/src/contract/flow-view.ts";

/** The step of one kind, e.g. `StepOf<"otp">`. */
export type StepOf<Kind extends Step["kind"]> = Extract<Step, { kind: Kind }>;
