import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { renderWithProviders } from "../../../test/render.tsx";
import { ChangePasswordScreen } from "./change-password-screen.tsx";

test("a new password shorter than the policy, or equal to the one-time one, is refused on the field", async () => {
  const user = userEvent.setup();
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  await renderWithProviders(<ChangePasswordScreen onChanged={vi.fn()} onSignOut={vi.fn()} />);
  await user.type(screen.getByLabelText("Password you signed in with"), "OneTimePass23");
  await user.type(screen.getByLabelText("New password"), "short");
  await user.click(screen.getByRole("button", { name: "Save new password" }));
  expect(await screen.findByText("Use at least 10 characters.")).toBeInTheDocument();

  await user.clear(screen.getByLabelText("New password"));
  await user.type(screen.getByLabelText("New password"), "OneTimePass23");
  await user.click(screen.getByRole("button", { name: "Save new password" }));
  expect(
    await screen.findByText("Choose a password different from the one-time password."),
  ).toBeInTheDocument();
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});
