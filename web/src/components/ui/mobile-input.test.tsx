import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import { StartFlowForm } from "../../features/flow/components/start-flow-form.tsx";
import { renderWithProviders } from "../../test/render.tsx";
import { MobileInput } from "./mobile-input.tsx";

function Harness() {
  const [value, setValue] = useState("");
  return <MobileInput label="Customer mobile number" value={value} onValueChange={setValue} />;
}

test("is a numeric phone field the browser can autofill", async () => {
  await renderWithProviders(<Harness />);
  const input = screen.getByLabelText("Customer mobile number");
  expect(input).toHaveAttribute("inputmode", "numeric");
  expect(input).toHaveAttribute("autocomplete", "tel-national");
  expect(input).toHaveAttribute("type", "tel");
});

test.each([
  ["+91 98765 43210", "9876543210"],
  ["+91-98765-43210", "9876543210"],
  ["098765 43210", "9876543210"],
  ["919876543210", "9876543210"],
])("pasting %s shows the 10-digit number %s", async (pasted, shown) => {
  const user = userEvent.setup();
  await renderWithProviders(<Harness />);
  const input = screen.getByLabelText("Customer mobile number");
  await user.click(input);
  await user.paste(pasted);
  expect(input).toHaveValue(shown);
});

test("an invalid number shows the translated error on the field and is not submitted", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm busy={false} onStart={onStart} />);
  const input = screen.getByLabelText("Customer mobile number");
  await user.type(input, "5876543210{Enter}");
  expect(onStart).not.toHaveBeenCalled();
  const message = "Enter a 10-digit mobile number starting with 6, 7, 8 or 9.";
  expect(screen.getByText(message)).toBeInTheDocument();
  expect(input).toHaveAttribute("aria-invalid", "true");
  expect(input).toHaveAccessibleDescription(expect.stringContaining(message));
});

test("the error is in Hindi when the console is in Hindi", async () => {
  const user = userEvent.setup();
  await renderWithProviders(<StartFlowForm busy={false} onStart={() => {}} />, { language: "hi" });
  await user.type(screen.getByLabelText("ग्राहक का मोबाइल नंबर"), "12345{Enter}");
  expect(
    screen.getByText("6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर डालें।"),
  ).toBeInTheDocument();
});

test("Enter submits the normalised number with the chosen service", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm busy={false} onStart={onStart} />);
  await user.click(screen.getByRole("radio", { name: "Levin wallet — Aadhaar KYC" }));
  await user.type(screen.getByLabelText("Customer mobile number"), "98765-43210{Enter}");
  expect(onStart).not.toHaveBeenCalled();
  expect(screen.getByRole("heading", { name: "Send OTP to 98765 43210?" })).toHaveFocus();
  await user.click(screen.getByRole("button", { name: "Yes, the number is right" }));
  expect(onStart).toHaveBeenCalledExactlyOnceWith({ rail: "levin", mobile: "9876543210" });
});

test("the number is read back in full before anything is sent, and can be changed", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm busy={false} onStart={onStart} />, { language: "hi" });
  await user.click(screen.getByRole("radio", { name: "कस्टमर अकाउंट" }));
  await user.type(screen.getByLabelText("ग्राहक का मोबाइल नंबर"), "9812345678{Enter}");
  expect(screen.getByRole("heading", { name: "OTP 98123 45678 पर भेजें?" })).toBeVisible();
  await user.click(screen.getByRole("button", { name: "नंबर बदलें" }));
  expect(screen.getByLabelText("ग्राहक का मोबाइल नंबर")).toHaveValue("9812345678");
  expect(onStart).not.toHaveBeenCalled();
});

test("no service is pre-selected: the agent must choose one for each customer", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm busy={false} onStart={onStart} />);
  for (const radio of screen.getAllByRole("radio")) expect(radio).not.toBeChecked();
  await user.type(screen.getByLabelText("Customer mobile number"), "9812345678{Enter}");
  expect(screen.getByText("Choose the service the customer wants.")).toBeVisible();
  expect(screen.queryByRole("heading", { name: /Send OTP/ })).toBeNull();
});

test("a letter typed into the number is refused visibly, not dropped in silence", async () => {
  const user = userEvent.setup();
  await renderWithProviders(<StartFlowForm busy={false} onStart={() => {}} />);
  const input = screen.getByLabelText("Customer mobile number");
  await user.type(input, "98o");
  expect(input).toHaveValue("98");
  const message = "Only digits go in a mobile number — that letter was not added.";
  expect(input).toHaveAccessibleDescription(expect.stringContaining(message));
  await user.type(input, "1");
  expect(screen.queryByText(message)).toBeNull();
});

test("cannot be submitted again while the lookup is running", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm busy onStart={onStart} />);
  await user.click(screen.getByRole("radio", { name: "DigiKhata wallet" }));
  await user.type(screen.getByLabelText("Customer mobile number"), "9876543210{Enter}");
  expect(onStart).not.toHaveBeenCalled();
  expect(screen.getByRole("button", { name: "Continue" })).toBeDisabled();
});
