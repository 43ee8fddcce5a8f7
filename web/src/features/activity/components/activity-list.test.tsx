import { screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderWithProviders } from "../../../test/render.tsx";
import type { ActivityEvent } from "../api/get-activity.ts";
import { ActivityFilters } from "./activity-filters.tsx";
import { outcomeLabels } from "./activity-labels.ts";
import { ActivityList } from "./activity-list.tsx";

const event: ActivityEvent = {
  id: "e1",
  // 18:45 UTC on 1 Dec: 2 Dec, 00:15 in India.
  at: "2026-12-01T18:45:00.000Z",
  agentId: "a1",
  agentLogin: "asha",
  agentName: "Asha",
  action: "otp.verify",
  outcome: "pan_required",
  detail: null,
  rail: "levin",
  flowId: "flow-id-0000000000000001",
  flowReference: "EK-7KQ2-M9PD",
  customerName: "Sneha Patel",
  mobileMasked: "••••••0005",
  ekoResponseTypeId: 2147,
  requestId: "req-123",
  latencyMs: 40,
};

test("a row names the customer and the outcome in words; Eko's code only on the details line", async () => {
  await renderWithProviders(<ActivityList events={[event]} showAgent={false} />);
  const row = screen.getByRole("listitem");
  expect(within(row).getByText("Checked OTP")).toBeInTheDocument();
  expect(within(row).getByText("PAN needed")).toBeInTheDocument();
  expect(within(row).getByText("Sneha Patel")).toBeInTheDocument();
  expect(within(row).getByText("Ref. EK-7KQ2-M9PD")).toBeInTheDocument();
  expect(within(row).getByText("2 Dec 2026, 00:15")).toBeInTheDocument();
  const details = within(row).getByText(/^Details:/);
  expect(details).toHaveTextContent("Details: code 2147 · req-123");
  // The code appears nowhere but the details line.
  expect(row.textContent?.replace(details.textContent ?? "", "")).not.toContain("2147");
  expect(within(row).getByRole("link", { name: "Open this customer" })).toHaveAttribute(
    "href",
    "/flow/flow-id-0000000000000001",
  );
});

test("the outcome filter offers every outcome the list can show, PAN and Aadhaar needed included", async () => {
  await renderWithProviders(
    <ActivityFilters filters={{}} onChange={() => {}} isAdmin={false} today="2026-12-02" />,
  );
  const options = within(screen.getByLabelText("Outcome"))
    .getAllByRole("option")
    .map((option) => option.getAttribute("value"))
    .filter(Boolean);
  expect(options.sort()).toEqual(Object.keys(outcomeLabels).sort());
  expect(screen.getByRole("option", { name: "PAN needed" })).toBeInTheDocument();
  expect(screen.getByRole("option", { name: "Aadhaar needed" })).toBeInTheDocument();
});
