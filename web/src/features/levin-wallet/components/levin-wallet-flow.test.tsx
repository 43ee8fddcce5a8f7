import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import type { FlowView, Identity, Step } from "#contract/flow-view.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { LevinWalletFlow } from "./levin-wallet-flow.tsx";

const identity: Identity = {
  name: "Sneha Patel",
  gender: "female",
  dob: "05-07-1992",
  aadhaarMasked: "XXXX XXXX 7890",
};

function levinFlow(step: Step): FlowView {
  return {
    id: "flow_levin_0123456789",
    rail: "levin",
    mobileMasked: "••••••4444",
    step,
    updatedAt: new Date().toISOString(),
  };
}

test("aadhaar step: the Aadhaar number field and a rejected number explained", async () => {
  await renderWithProviders(
    <LevinWalletFlow
      flow={levinFlow({ kind: "aadhaar", consentVersion: "aadhaar-consent-v1", rejected: true })}
    />,
  );
  expect(screen.getByRole("heading", { level: 2, name: "Aadhaar KYC" })).toBeInTheDocument();
  expect(screen.getByLabelText("Aadhaar number")).toHaveAttribute("inputmode", "numeric");
  expect(screen.getByRole("alert")).toHaveTextContent("Eko could not validate this Aadhaar number");
});

test("pan step: the verified identity above an uppercase PAN field with a format check", async () => {
  const user = userEvent.setup();
  await renderWithProviders(
    <LevinWalletFlow flow={levinFlow({ kind: "pan", identity, rejected: false })} />,
  );
  expect(screen.getByRole("heading", { level: 2, name: "PAN verification" })).toBeInTheDocument();
  expect(screen.getByText("Sneha Patel")).toBeInTheDocument();
  expect(screen.getByText("Female")).toBeInTheDocument();
  expect(screen.getByText("XXXX XXXX 7890")).toBeInTheDocument();
  const pan = screen.getByLabelText("PAN");
  await user.type(pan, "abcde1234{Enter}");
  expect(pan).toHaveValue("ABCDE1234");
  expect(screen.getByText(/5 letters, 4 digits, 1 letter/)).toBeInTheDocument();
});

test("identity step: gender spelled out in the agent's language and the DOB as Eko sent it", async () => {
  await renderWithProviders(
    <LevinWalletFlow
      flow={levinFlow({ kind: "identity", identity: { ...identity, gender: "male" } })}
    />,
    { language: "hi" },
  );
  expect(screen.getByRole("heading", { level: 2, name: "आधार वेरिफ़ाई हो गया" })).toBeInTheDocument();
  expect(screen.getByText("पुरुष")).toBeInTheDocument();
  expect(screen.getByText("05-07-1992")).toBeInTheDocument();
});

test("profile step on Levin shows the identity card too", async () => {
  await renderWithProviders(
    <LevinWalletFlow
      flow={levinFlow({
        kind: "profile",
        identity,
        profile: {
          name: "Sneha Patel",
          mobileMasked: "••••••4444",
          balance: 0,
          nextAllowedLimit: 50000,
          totalMonthlyLimit: 50000,
          usage: { used: 0, remaining: 50000, unavailable: 0 },
          kyc: "full_kyc",
        },
      })}
    />,
  );
  expect(
    screen.getByRole("heading", { level: 3, name: "Verified identity (Aadhaar)" }),
  ).toBeInTheDocument();
  expect(screen.getByText("Full KYC")).toBeInTheDocument();
});

test("wallet_renew step (Eko 463): plain words and one button that sends a new mobile OTP", async () => {
  await renderWithProviders(<LevinWalletFlow flow={levinFlow({ kind: "wallet_renew" })} />);
  expect(
    screen.getByRole("heading", { level: 2, name: "The customer's wallet session has expired" }),
  ).toBeInTheDocument();
  expect(screen.getByText(/Send a new OTP to the customer's mobile/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Send new OTP to the mobile" })).toBeEnabled();
  expect(screen.queryByText(/463|wallet token/i)).not.toBeInTheDocument();
});

test("wallet_renew step in Hindi", async () => {
  await renderWithProviders(<LevinWalletFlow flow={levinFlow({ kind: "wallet_renew" })} />, {
    language: "hi",
  });
  expect(screen.getByRole("button", { name: "मोबाइल पर नया OTP भेजें" })).toBeInTheDocument();
});
