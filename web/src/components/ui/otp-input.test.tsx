import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import { renderWithProviders } from "../../test/render.tsx";
import { OtpInput } from "./otp-input.tsx";

function Harness({ onComplete }: { onComplete: (otp: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <OtpInput label="OTP" length={6} value={value} onChange={setValue} onComplete={onComplete} />
  );
}

test("is one labelled numeric input that the phone can fill from the SMS", async () => {
  await renderWithProviders(<Harness onComplete={() => {}} />);
  const input = screen.getByLabelText("OTP");
  expect(input.tagName).toBe("INPUT");
  expect(input).toHaveAttribute("autocomplete", "one-time-code");
  expect(input).toHaveAttribute("inputmode", "numeric");
  expect(input).toHaveAttribute("maxlength", "6");
});

test("typing fills the boxes, ignores letters and submits once when full", async () => {
  const user = userEvent.setup();
  const onComplete = vi.fn();
  await renderWithProviders(<Harness onComplete={onComplete} />);
  const input = screen.getByLabelText("OTP");
  await user.click(input);
  await user.keyboard("12a34");
  expect(input).toHaveValue("1234");
  expect(onComplete).not.toHaveBeenCalled();
  await user.keyboard("56");
  expect(input).toHaveValue("123456");
  await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
  expect(onComplete).toHaveBeenCalledWith("123456");
  // More keys on a full code neither change it nor submit again.
  await user.keyboard("7");
  expect(input).toHaveValue("123456");
  expect(onComplete).toHaveBeenCalledTimes(1);
});

test("pasting 123456 fills every box and submits", async () => {
  const user = userEvent.setup();
  const onComplete = vi.fn();
  await renderWithProviders(<Harness onComplete={onComplete} />);
  const input = screen.getByLabelText("OTP");
  await user.click(input);
  await user.paste("123456");
  expect(input).toHaveValue("123456");
  await waitFor(() => expect(onComplete).toHaveBeenCalledWith("123456"));
  expect(onComplete).toHaveBeenCalledTimes(1);
});

test('pasting "12 34 56" from an SMS keeps only the digits', async () => {
  const user = userEvent.setup();
  const onComplete = vi.fn();
  await renderWithProviders(<Harness onComplete={onComplete} />);
  const input = screen.getByLabelText("OTP");
  await user.click(input);
  await user.paste("12 34 56");
  expect(input).toHaveValue("123456");
  await waitFor(() => expect(onComplete).toHaveBeenCalledWith("123456"));
});

test("after clearing, the same code typed again submits again", async () => {
  const user = userEvent.setup();
  const onComplete = vi.fn();
  await renderWithProviders(<Harness onComplete={onComplete} />);
  const input = screen.getByLabelText("OTP");
  await user.click(input);
  await user.paste("123456");
  await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
  await user.clear(input);
  await user.paste("123456");
  await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(2));
});

test("shows its error text and marks the input invalid", async () => {
  await renderWithProviders(
    <OtpInput label="OTP" length={6} value="" onChange={() => {}} error="Wrong OTP" />,
  );
  const input = screen.getByLabelText("OTP");
  expect(input).toHaveAttribute("aria-invalid", "true");
  expect(input).toHaveAccessibleDescription("Wrong OTP");
});
