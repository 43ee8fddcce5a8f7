import { act, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import type { FlowView, Step } from "#contract/flow-view.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { StepSwitch, stepKey } from "./step-switch.tsx";

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

function flowAt(step: Step, rail: FlowView["rail"] = "customer-account"): FlowView {
  return {
    id: "flow_0123456789abcdef",
    rail,
    mobileMasked: "••••••3210",
    step,
    updatedAt: new Date().toISOString(),
  };
}

const otpStep = (overrides: Partial<Extract<Step, { kind: "otp" }>> = {}): Step => ({
  kind: "otp",
  purpose: "mobile",
  sentTo: "••••••3210",
  otpLength: 6,
  expiresAt: inSeconds(300),
  resendAvailableAt: inSeconds(45),
  attemptsLeft: 3,
  lastAttempt: null,
  ...overrides,
});

const heading = () => screen.getByRole("heading", { level: 2 });

test("onboard: the registration form with its labelled fields", async () => {
  await renderWithProviders(<StepSwitch flow={flowAt({ kind: "onboard" })} />);
  expect(heading()).toHaveTextContent("Register the customer");
  for (const label of [
    "Full name",
    "Date of birth",
    "Address",
    "City or town",
    "State",
    "PIN code",
  ]) {
    expect(screen.getByLabelText(label)).toBeInTheDocument();
  }
  expect(screen.getByRole("button", { name: "Register and send OTP" })).toBeEnabled();
});

test("otp (mobile): where the OTP went, the OTP box, verify and a resend countdown", async () => {
  await renderWithProviders(<StepSwitch flow={flowAt(otpStep())} />);
  expect(heading()).toHaveTextContent("Enter the customer's OTP");
  expect(screen.getByText("OTP sent to ••••••3210")).toBeInTheDocument();
  expect(screen.getByLabelText("OTP")).toHaveAttribute("autocomplete", "one-time-code");
  expect(screen.getByRole("button", { name: "Verify OTP" })).toBeDisabled();
  expect(screen.getByRole("button", { name: "Resend OTP" })).toBeDisabled();
  expect(screen.getByText(/You can resend in 0:4\d/)).toBeInTheDocument();
  expect(screen.getByText(/Expires in [45]:\d\d/)).toBeInTheDocument();
});

test("otp (aadhaar): sent to the Aadhaar-linked mobile when the number is unknown", async () => {
  await renderWithProviders(
    <StepSwitch flow={flowAt(otpStep({ purpose: "aadhaar", sentTo: null }), "levin")} />,
  );
  expect(heading()).toHaveTextContent("Enter the Aadhaar OTP");
  expect(screen.getByText("OTP sent to the Aadhaar-linked mobile number")).toBeInTheDocument();
});

test("otp after a wrong attempt: an alert with the attempts left", async () => {
  await renderWithProviders(
    <StepSwitch flow={flowAt(otpStep({ lastAttempt: "wrong", attemptsLeft: 2 }))} />,
  );
  expect(screen.getByRole("alert")).toHaveTextContent("That OTP is wrong");
  expect(screen.getByRole("alert")).toHaveTextContent("2 attempts left.");
});

test("otp expired: says so, blocks verify and offers resend", async () => {
  await renderWithProviders(
    <StepSwitch
      flow={flowAt(otpStep({ expiresAt: inSeconds(-5), resendAvailableAt: inSeconds(-60) }))}
    />,
  );
  expect(screen.getByRole("alert")).toHaveTextContent("This OTP has expired");
  expect(screen.getByLabelText("OTP")).toBeDisabled();
  expect(screen.getByRole("button", { name: "Resend OTP" })).toBeEnabled();
});

test("locked: a countdown, and resend only once the lock ends", async () => {
  await renderWithProviders(
    <StepSwitch flow={flowAt({ kind: "locked", purpose: "mobile", until: inSeconds(600) })} />,
  );
  expect(heading()).toHaveTextContent("Too many wrong OTPs");
  expect(screen.getByText(/You can send a new OTP in (10:00|9:5\d)/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Resend OTP" })).toBeDisabled();
  expect(screen.getByRole("button", { name: "Next customer" })).toBeEnabled();
});

test("locked and over: resend is offered", async () => {
  await renderWithProviders(
    <StepSwitch flow={flowAt({ kind: "locked", purpose: "mobile", until: inSeconds(-1) })} />,
  );
  expect(
    screen.getByText("The lock has ended. Send a new OTP to the customer."),
  ).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Resend OTP" })).toBeEnabled();
});

test("profile: the verified customer", async () => {
  const profile = {
    name: "Shobhit",
    mobileMasked: "••••••4444",
    balance: 0,
    nextAllowedLimit: 50000,
    totalMonthlyLimit: 50000,
    usage: null,
    kyc: "non_kyc" as const,
  };
  await renderWithProviders(
    <StepSwitch flow={flowAt({ kind: "profile", profile, identity: null }, "digikhata")} />,
  );
  expect(heading()).toHaveTextContent("Customer verified");
  expect(screen.getByRole("heading", { level: 3, name: "Shobhit" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Next customer" })).toBeInTheDocument();
});

test("profile opened later: says what time the balance and limits are as of", async () => {
  const profile = {
    name: "Karan Garg",
    mobileMasked: "••••••0001",
    balance: 124500.5,
    nextAllowedLimit: 5287,
    totalMonthlyLimit: 50000,
    usage: null,
    kyc: "full_kyc" as const,
  };
  const flow = {
    ...flowAt({ kind: "profile", profile, identity: null }),
    updatedAt: "2026-12-01T10:00:00.000Z",
  };
  await renderWithProviders(<StepSwitch flow={flow} />);
  expect(screen.getByText("As of 1 Dec 2026, 15:30")).toBeInTheDocument();
});

test.each([
  ["aadhaar_pending", "Mobile verified — Aadhaar KYC still needed"],
  ["pan_pending", "Aadhaar done — PAN still needed"],
  ["registration_complete", "Registration complete"],
] as const)("next_step %s: what to do next", async (reason, title) => {
  await renderWithProviders(<StepSwitch flow={flowAt({ kind: "next_step", reason })} />);
  expect(heading()).toHaveTextContent(title);
});

test("status_unknown: explains the doubt and offers only a re-check", async () => {
  await renderWithProviders(
    <StepSwitch flow={flowAt({ kind: "status_unknown", action: "verify_otp" })} />,
  );
  expect(heading()).toHaveTextContent("We don't know if Eko received it");
  expect(screen.getByText(/when we sent the OTP for checking/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Re-check status" })).toBeEnabled();
  expect(screen.queryByRole("button", { name: "Resend OTP" })).not.toBeInTheDocument();
});

test("failed: plain words, Eko's code small, and start over", async () => {
  await renderWithProviders(
    <StepSwitch
      flow={flowAt({
        kind: "failed",
        reason: "unknown_state",
        ekoResponseTypeId: 1388,
        ekoMessage: "Something odd",
      })}
    />,
  );
  expect(heading()).toHaveTextContent("Eko sent an answer the console doesn't understand");
  expect(screen.getByText(/Code for support: 1388/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Next customer" })).toBeInTheDocument();
});

test("a rail-only step without the rail's view says so instead of rendering nothing", async () => {
  await renderWithProviders(
    <StepSwitch
      flow={flowAt({ kind: "aadhaar", consentVersion: "aadhaar-consent-v1", rejected: false })}
    />,
  );
  expect(heading()).toHaveTextContent("This step can't be shown here");
});

test("a rail's own step comes from the rail's renderer", async () => {
  await renderWithProviders(
    <StepSwitch
      flow={flowAt({ kind: "pan", identity: null, rejected: false }, "levin")}
      railSteps={{ pan: (step) => <h2>PAN step {String(step.rejected)}</h2> }}
    />,
  );
  expect(heading()).toHaveTextContent("PAN step false");
});

test("focus moves to the new step's heading when the step changes", async () => {
  const first = flowAt(otpStep());
  const { rerender } = await renderWithProviders(
    <StepSwitch key={stepKey(first.step)} flow={first} />,
  );
  expect(heading()).toHaveFocus();
  const next = flowAt({ kind: "status_unknown", action: "verify_otp" });
  await act(async () => {
    rerender(<StepSwitch key={stepKey(next.step)} flow={next} />);
  });
  expect(heading()).toHaveTextContent("We don't know if Eko received it");
  expect(heading()).toHaveFocus();
});

test("the Aadhaar OTP is a new step after the mobile OTP (a different key)", () => {
  expect(stepKey(otpStep())).not.toBe(stepKey(otpStep({ purpose: "aadhaar" })));
  expect(stepKey(otpStep())).toBe(stepKey(otpStep({ lastAttempt: "wrong" })));
});
