import { setTimeout as sleep } from "node:timers/promises";
import type { FlowView } from "../src/contract/flow-view.ts";
import type { Rail } from "../src/contract/rails.ts";
import { outcomeOf } from "../src/flows/flow-service.ts";
import { TEST_AADHAAR } from "../src/sandbox/personas.ts";

/*
 * One simulated agent for `npm run load`: signs in, then runs the three
 * rails' onboarding flows for brand-new customers, one after the other,
 * reading each OTP from the sandbox outbox like a customer reading an SMS.
 */

/** One step the agent took, and the outcomes its audit rows carry (a follow-up call adds its own). */
export type StepRecord = { action: string; outcomes: string[] };
export type FlowRecord = {
  flowId: string;
  rail: Rail;
  steps: StepRecord[];
  finalKind: string;
  completed: boolean;
};
export type AgentResult = {
  /** Flow calls (start and steps); sign-in (deliberately slow scrypt) is kept apart. */
  latenciesMs: number[];
  signInMs: number[];
  flows: FlowRecord[];
  errors: string[];
};

export type AgentOptions = {
  origin: string;
  sandboxOrigin: string;
  login: string;
  password: string;
  /** The shop's address, as the load balancer would report it (X-Forwarded-For). */
  clientAddress: string;
  /** Distinguishes this agent's customers: 6 + run tag (2) + agent (3) + rail (1) + round (3). */
  mobilePrefix: string;
  rounds: number;
  deadline: number;
  thinkMs: number;
};

/** Where each rail's journey for a new customer ends (sandbox personas, server/src/sandbox/README.md). */
const DONE: Record<Rail, (view: FlowView) => boolean> = {
  "customer-account": (view) => view.step.kind === "profile",
  digikhata: (view) => view.step.kind === "profile" && view.step.profile.kyc === "full_kyc",
  levin: (view) => view.step.kind === "profile",
};
const RAILS: Rail[] = ["customer-account", "digikhata", "levin"];
const NEW_CUSTOMER = {
  name: "Asha Kumari",
  dob: "1995-08-20",
  address: { line: "12 Park Street", city: "Kolkata", state: "West Bengal", pincode: "700016" },
};
const CONSENT = { accepted: true, language: "en", version: "aadhaar-consent-v1" };

class StepFailed extends Error {}

/**
 * The outcomes the audit rows carry for a step that returned `view`: the
 * step's own (outcomeOf) unless the step names one. consent.accept records
 * "consent_given" (flow-service acceptConsent); DigiKhata's verify that opens
 * the consent step records Eko's "aadhaar_pending" and then, for the language
 * list it fetches at once, the consent step's own (digikhata.ts followUp).
 */
function recordedOutcomes(action: string, view: FlowView): string[] {
  if (action === "consent.accept") return ["consent_given"];
  if (action === "otp.verify" && view.step.kind === "consent") {
    return ["aadhaar_pending", outcomeOf(view.step)];
  }
  return [outcomeOf(view.step)];
}

export async function runAgent(options: AgentOptions): Promise<AgentResult> {
  const result: AgentResult = { latenciesMs: [], signInMs: [], flows: [], errors: [] };
  let cookie = "";

  async function call(method: string, path: string, body?: unknown) {
    const started = performance.now();
    const response = await fetch(`${options.origin}/api${path}`, {
      method,
      headers: {
        origin: options.origin,
        "x-forwarded-for": options.clientAddress,
        cookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    (path === "/auth/sign-in" ? result.signInMs : result.latenciesMs).push(
      performance.now() - started,
    );
    if (!response.ok)
      throw new StepFailed(
        `${method} ${path.replace(/\/[\w-]{22}/, "/:id")} → ${response.status} ${text.slice(0, 160)}`,
      );
    cookie = response.headers.get("set-cookie")?.split(";")[0] ?? cookie;
    return text ? JSON.parse(text) : null;
  }

  async function latestOtp(mobile: string, rail: Rail, purpose: string): Promise<string> {
    const response = await fetch(`${options.sandboxOrigin}/sandbox/outbox?mobile=${mobile}`);
    const messages = (await response.json()) as { otp: string; rail: string; purpose: string }[];
    const found = messages.find((message) => message.rail === rail && message.purpose === purpose);
    if (!found) throw new StepFailed(`no ${purpose} OTP in the outbox for ${rail}`);
    return found.otp;
  }

  const think = () => sleep(options.thinkMs * (0.5 + Math.random()));

  async function runFlow(rail: Rail, mobile: string): Promise<void> {
    await think();
    let view = (await call("POST", "/flows", { rail, mobile })) as FlowView;
    const flow: FlowRecord = {
      flowId: view.id,
      rail,
      steps: [{ action: "flow.start", outcomes: [outcomeOf(view.step)] }],
      finalKind: view.step.kind,
      completed: false,
    };
    result.flows.push(flow);
    for (let hop = 0; hop < 12 && !DONE[rail](view); hop++) {
      await think();
      const step = view.step;
      const at = `/flows/${view.id}`;
      let action: string;
      if (step.kind === "onboard") {
        action = "flow.onboard";
        view = await call("POST", `${at}/onboard`, NEW_CUSTOMER);
      } else if (step.kind === "otp") {
        action = "otp.verify";
        const otp = await latestOtp(mobile, rail, step.purpose);
        view = await call("POST", `${at}/otp/verify`, { otp });
      } else if (step.kind === "consent" && step.text === null) {
        // DigiKhata B.6: the customer picks English from Eko's list.
        action = "consent.language";
        const english = step.languages.find((language) => language.name === "English");
        if (!english) throw new StepFailed(`no English among ${JSON.stringify(step.languages)}`);
        view = await call("POST", `${at}/consent/language`, { languageId: english.id });
      } else if (step.kind === "consent" && step.text) {
        action = "consent.accept";
        view = await call("POST", `${at}/consent`, {
          accepted: true,
          textSha256: step.text.textSha256,
          audioPlayed: false,
        });
      } else if (step.kind === "aadhaar") {
        action = "aadhaar.submit";
        // Levin takes consent with the number; DigiKhata had its own consent step.
        view = await call("POST", `${at}/aadhaar`, {
          aadhaar: TEST_AADHAAR.valid,
          ...(rail === "levin" ? { consent: CONSENT } : {}),
        });
      } else if (step.kind === "pan") {
        action = "pan.submit";
        view = await call("POST", `${at}/pan`, { pan: "ABCPE1234F" });
      } else {
        throw new StepFailed(`${rail} stopped at ${JSON.stringify(step)}`);
      }
      flow.steps.push({ action, outcomes: recordedOutcomes(action, view) });
      flow.finalKind = view.step.kind;
    }
    if (!DONE[rail](view)) throw new StepFailed(`${rail} ended at ${view.step.kind}`);
    flow.completed = true;
  }

  try {
    await call("POST", "/auth/sign-in", { login: options.login, password: options.password });
  } catch (error) {
    result.errors.push(`sign-in: ${(error as Error).message}`);
    return result;
  }
  for (let round = 0; round < options.rounds && Date.now() < options.deadline; round++) {
    for (const [index, rail] of RAILS.entries()) {
      const mobile = `${options.mobilePrefix}${index}${String(round).padStart(3, "0")}`;
      try {
        await runFlow(rail, mobile);
      } catch (error) {
        result.errors.push(`${rail}: ${(error as Error).message}`);
      }
    }
  }
  return result;
}
