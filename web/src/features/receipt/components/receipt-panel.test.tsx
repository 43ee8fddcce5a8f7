import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { flowReference } from "#contract/flow-reference.ts";
import type { FlowView } from "#contract/flow-view.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { ReceiptPanel } from "./receipt-panel.tsx";

const agent = { id: "agent-1", name: "Asha Shop", userCode: "20810200" };

const profileFlow: FlowView = {
  id: "flow-id-0000000000000001",
  rail: "levin",
  mobileMasked: "••••••3210",
  updatedAt: "2026-12-01T10:00:00.000Z",
  step: {
    kind: "profile",
    profile: {
      name: "Karan Garg",
      mobileMasked: "••••••3210",
      balance: 124500.5,
      nextAllowedLimit: 5287,
      totalMonthlyLimit: 50000,
      usage: { used: 44713, remaining: 5287, unavailable: 0 },
      kyc: "full_kyc",
    },
    identity: {
      name: "Karan Garg",
      gender: "male",
      dob: "01-01-1990",
      aadhaarMasked: "XXXX XXXX 2346",
    },
  },
};

const slipOf = () => document.querySelector("[data-print-slip]") as HTMLElement;
/** What Ctrl+P or the Print button does first: the browser's beforeprint. */
const startPrinting = () => act(() => window.dispatchEvent(new Event("beforeprint")));
const lineOf = (key: string) =>
  slipOf().querySelector(`[data-line="${key}"] dd`)?.textContent ?? null;

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "share");
});

test("the slip carries what the customer keeps, masked, with the flow's reference", async () => {
  await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />);
  // Not on screen, not even hidden: only while printing.
  expect(slipOf()).toBeNull();
  startPrinting();
  const slip = slipOf();
  expect(within(slip).getByRole("heading", { name: "Customer acknowledgement" })).toBeVisible();
  expect(lineOf("name")).toBe("Karan Garg");
  expect(lineOf("mobile")).toBe("••••••3210");
  expect(lineOf("aadhaar")).toBe("XXXX XXXX 2346");
  expect(lineOf("rail")).toBe("Levin wallet — Aadhaar KYC");
  expect(lineOf("outcome")).toBe("Mobile verified");
  expect(lineOf("kyc")).toBe("Full KYC");
  expect(lineOf("balance")).toBe("₹1,24,500.50");
  expect(lineOf("monthly")).toBe("₹50,000");
  expect(lineOf("as_of")).toBe("1 Dec 2026, 15:30");
  expect(lineOf("agent")).toBe("Asha Shop");
  expect(lineOf("user_code")).toBe("20810200");
  expect(lineOf("time")).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} IST$/);
  expect(lineOf("reference")).toBe(flowReference(profileFlow.id));
  expect(slip.textContent).not.toContain(profileFlow.id);
});

test("in Hindi every line of the slip is Hindi", async () => {
  await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />, {
    language: "hi",
  });
  startPrinting();
  const labels = [...slipOf().querySelectorAll("dt")].map((term) => term.textContent ?? "");
  expect(labels.length).toBeGreaterThan(10);
  for (const label of labels) expect(label).toMatch(/[\u0900-\u097F]/);
  expect(lineOf("outcome")).toBe("मोबाइल वेरिफ़ाई हो गया");
  expect(screen.getByRole("button", { name: "प्रिंट करें" })).toBeInTheDocument();
});

test("Share uses the Web Share API with the plain-text summary", async () => {
  const share = vi.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "share", { value: share, configurable: true });
  await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />);
  await userEvent.click(screen.getByRole("button", { name: "Share" }));
  expect(share).toHaveBeenCalledTimes(1);
  const [payload] = share.mock.calls[0] ?? [];
  const { title, text } = payload as { title: string; text: string };
  expect(title).toBe("Customer acknowledgement");
  expect(text).toContain("Mobile: ••••••3210");
  expect(text).toContain("Aadhaar: XXXX XXXX 2346");
  expect(text).toContain(`Reference: ${flowReference(profileFlow.id)}`);
  expect(text).not.toContain(profileFlow.id);
  expect(await screen.findByRole("status")).toHaveTextContent("Shared.");
});

test("without Web Share it copies the text; if that fails too, the text is there to select", async () => {
  const writeText = vi.fn().mockRejectedValue(new Error("denied"));
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />);
  await userEvent.click(screen.getByRole("button", { name: "Copy text" }));
  expect(writeText).toHaveBeenCalledWith(expect.stringContaining("Mobile: ••••••3210"));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not copy");
  const text = screen.getByRole("textbox", {
    name: "Text for the customer",
  }) as HTMLTextAreaElement;
  expect(text.value).toContain(flowReference(profileFlow.id));
  expect(text.value).toContain("Mobile: ••••••3210");
});

test("the paper size is remembered per agent", async () => {
  const first = await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />);
  expect(screen.getByLabelText("Paper")).toHaveValue("80mm");
  await userEvent.selectOptions(screen.getByLabelText("Paper"), "58 mm roll");
  startPrinting();
  expect(slipOf()).toHaveAttribute("data-size", "58mm");
  first.unmount();

  const again = await renderWithProviders(<ReceiptPanel flow={profileFlow} agent={agent} />);
  expect(screen.getByLabelText("Paper")).toHaveValue("58mm");
  again.unmount();
  await renderWithProviders(
    <ReceiptPanel flow={profileFlow} agent={{ ...agent, id: "agent-2" }} />,
  );
  expect(screen.getByLabelText("Paper")).toHaveValue("80mm");
});

test("only a finished flow gets a slip: next steps and identity do, an OTP step does not", async () => {
  const next = await renderWithProviders(
    <ReceiptPanel
      flow={{ ...profileFlow, step: { kind: "next_step", reason: "pan_pending" } }}
      agent={agent}
    />,
  );
  startPrinting();
  expect(lineOf("outcome")).toBe("Aadhaar done, PAN still needed");
  expect(lineOf("kyc")).toBe("PAN pending");
  expect(lineOf("balance")).toBeNull();
  expect(lineOf("name")).toBeNull();
  next.unmount();

  await renderWithProviders(
    <ReceiptPanel
      flow={{
        ...profileFlow,
        step: {
          kind: "otp",
          purpose: "mobile",
          sentTo: "••••••3210",
          otpLength: 6,
          expiresAt: "2026-12-01T10:05:00.000Z",
          resendAvailableAt: "2026-12-01T10:01:00.000Z",
          attemptsLeft: 3,
          lastAttempt: null,
        },
      }}
      agent={agent}
    />,
  );
  startPrinting();
  expect(slipOf()).toBeNull();
  expect(screen.queryByRole("button", { name: "Print" })).not.toBeInTheDocument();
});
