import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { renderWithProviders } from "../../../test/render.tsx";
import { AddAgentForm } from "./add-agent-form.tsx";

test("the contract's rules check the form before anything is sent, in the admin's language", async () => {
  const user = userEvent.setup();
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  await renderWithProviders(<AddAgentForm onAdded={vi.fn()} onCancel={vi.fn()} />, {
    language: "hi",
  });
  await user.type(screen.getByLabelText("लॉगिन"), "x");
  await user.type(screen.getByLabelText("Eko यूज़र कोड"), "12");
  await user.click(screen.getByRole("button", { name: "जोड़ें और पासवर्ड दिखाएँ" }));
  expect(
    await screen.findByText("2–32 छोटे अक्षर या अंक रखें, शुरुआत अक्षर या अंक से ('.', '_', '-' चल सकते हैं)।"),
  ).toBeInTheDocument();
  expect(screen.getByText("Eko यूज़र कोड 8–11 अंकों का होता है।")).toBeInTheDocument();
  expect(screen.getByLabelText("लॉगिन")).toHaveAttribute("aria-invalid", "true");
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});
