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
  await renderWithProviders(
    <StartFlowForm defaultRail="customer-account" busy={false} onStart={onStart} />,
  );
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
  await renderWithProviders(
    <StartFlowForm defaultRail="customer-account" busy={false} onStart={() => {}} />,
    { language: "hi" },
  );
  await user.type(screen.getByLabelText("ग्राहक का मोबाइल नंबर"), "12345{Enter}");
  expect(
    screen.getByText("6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर डालें।"),
  ).toBeInTheDocument();
});

test("Enter submits the normalised number with the chosen service", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(
    <StartFlowForm defaultRail="customer-account" busy={false} onStart={onStart} />,
  );
  await user.click(screen.getByRole("radio", { name: "Levin wallet — Aadhaar KYC" }));
  await user.type(screen.getByLabelText("Customer mobile number"), "98765-43210{Enter}");
  expect(onStart).toHaveBeenCalledExactlyOnceWith({ rail: "levin", mobile: "9876543210" });
});

test("cannot be submitted again while the lookup is running", async () => {
  const user = userEvent.setup();
  const onStart = vi.fn();
  await renderWithProviders(<StartFlowForm defaultRail="digikhata" busy onStart={onStart} />);
  await user.type(screen.getByLabelText("Customer mobile number"), "9876543210{Enter}");
  expect(onStart).not.toHaveBeenCalled();
  expect(screen.getByRole("button", { name: "Continue" })).toBeDisabled();
});
