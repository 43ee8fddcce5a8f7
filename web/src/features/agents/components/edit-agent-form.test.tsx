import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { renderWithProviders } from "../../../test/render.tsx";
import type { ManagedAgent } from "../api/get-managed-agents.ts";
import { EditAgentForm } from "./edit-agent-form.tsx";

const agent: ManagedAgent = {
  id: "agent-1",
  login: "asha",
  name: "Asha K",
  userCode: "20810200",
  role: "agent",
  language: "en",
  disabled: false,
  mustChangePassword: false,
  lastSignInAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
};

test("the edit form starts from the agent's values and checks them by the contract before sending", async () => {
  const user = userEvent.setup();
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  await renderWithProviders(<EditAgentForm agent={agent} onDone={vi.fn()} />);
  expect(screen.getByLabelText("Name")).toHaveValue("Asha K");
  expect(screen.getByLabelText("Role")).toHaveValue("agent");
  const userCode = screen.getByLabelText("Eko user code");
  expect(userCode).toHaveValue("20810200");

  await user.clear(userCode);
  await user.type(userCode, "2081-0200");
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("An Eko user code is 8–11 digits.")).toBeInTheDocument();
  expect(userCode).toHaveAttribute("aria-invalid", "true");
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});
