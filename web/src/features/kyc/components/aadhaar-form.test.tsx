import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { ApiRequestError } from "../../../lib/api-error.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { hasUnsavedForm } from "../../flow/components/unsaved-form-guard.ts";
import { AadhaarForm } from "./aadhaar-form.tsx";

// 234567890124 passes the Verhoeff check; changing its last digit breaks it.
const validAadhaar = "234567890124";

async function setup(onSubmit = vi.fn(async () => {})) {
  const user = userEvent.setup();
  await renderWithProviders(
    <>
      <AadhaarForm consentVersion="aadhaar-consent-v1" busy={false} onSubmit={onSubmit} />
      <button type="button">elsewhere</button>
    </>,
  );
  return { user, onSubmit, field: () => screen.getByLabelText("Aadhaar number") };
}

test("the number shows as XXXX XXXX 1234 once the field is left, and comes back to edit", async () => {
  const { user, field } = await setup();
  await user.type(field(), validAadhaar);
  expect(field()).toHaveValue(validAadhaar);
  await user.click(screen.getByRole("button", { name: "elsewhere" }));
  expect(field()).toHaveValue("XXXX XXXX 0124");
  expect(document.body).not.toHaveTextContent(validAadhaar);
  await user.click(field());
  expect(field()).toHaveValue(validAadhaar);
});

test("a number failing the Verhoeff check gets the translated checksum error", async () => {
  const { user, field, onSubmit } = await setup();
  await user.type(field(), "234567890125");
  await user.click(screen.getByRole("button", { name: "Continue" }));
  expect(
    screen.getByText(
      "This is not a valid Aadhaar number. Check each digit against the Aadhaar card.",
    ),
  ).toBeInTheDocument();
  expect(field()).toHaveAttribute("aria-invalid", "true");
  expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
  expect(onSubmit).not.toHaveBeenCalled();
});

test("a short number gets the format error", async () => {
  const { user, field } = await setup();
  await user.type(field(), "23456789");
  await user.click(screen.getByRole("button", { name: "Continue" }));
  expect(screen.getByText(/Enter the 12-digit Aadhaar number/)).toBeInTheDocument();
});

test("consent must be ticked; then the number and consent are sent and the number is forgotten", async () => {
  const { user, field, onSubmit } = await setup();
  await user.type(field(), `${validAadhaar}{Enter}`);
  expect(screen.getByRole("heading", { name: "Customer's consent" })).toHaveFocus();
  expect(screen.getByText(/PayPoint India Network Private Limited/)).toBeInTheDocument();
  expect(screen.getByText("XXXX XXXX 0124")).toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Send Aadhaar OTP" }));
  expect(onSubmit).not.toHaveBeenCalled();
  expect(screen.getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");

  await user.click(
    screen.getByRole("checkbox", {
      name: "I have read this to the customer and the customer agrees",
    }),
  );
  await user.click(screen.getByRole("button", { name: "Send Aadhaar OTP" }));
  expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
    aadhaar: validAadhaar,
    consent: { accepted: true, language: "en", version: "aadhaar-consent-v1" },
  });
  // Back at an empty number field: nothing left to resubmit or to read off the screen.
  expect(await screen.findByLabelText("Aadhaar number")).toHaveValue("");
  expect(document.body).not.toHaveTextContent("0124");
});

test("an unknown consent version is refused rather than showing another text", async () => {
  const user = userEvent.setup();
  await renderWithProviders(
    <AadhaarForm consentVersion="aadhaar-consent-v9" busy={false} onSubmit={async () => {}} />,
  );
  await user.type(screen.getByLabelText("Aadhaar number"), `${validAadhaar}{Enter}`);
  expect(screen.getByRole("alert")).toHaveTextContent("aadhaar-consent-v9");
  expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
});

test("a server field error on the number lands on the Aadhaar field, which gets the focus", async () => {
  const refused = new ApiRequestError({
    status: 422,
    code: "validation_failed",
    message: "Invalid request",
    details: { fields: { aadhaar: "aadhaar_checksum" } },
  });
  const user = userEvent.setup();
  const onSubmit = vi.fn(async () => {
    throw refused;
  });
  await renderWithProviders(
    <AadhaarForm consentVersion="digikhata-b6" consentGiven busy={false} onSubmit={onSubmit} />,
  );
  await user.type(screen.getByLabelText("Aadhaar number"), `${validAadhaar}{Enter}`);
  expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ aadhaar: validAadhaar });
  const field = await screen.findByLabelText("Aadhaar number");
  expect(field).toHaveValue("");
  expect(field).toHaveAttribute("aria-invalid", "true");
  expect(field).toHaveFocus();
  expect(
    screen.getByText(
      "This is not a valid Aadhaar number. Check each digit against the Aadhaar card.",
    ),
  ).toBeInTheDocument();
});

test("a typed Aadhaar number counts as a half-filled form until it is sent", async () => {
  const onSubmit = vi.fn(async () => {});
  const { user, field } = await setup(onSubmit);
  expect(hasUnsavedForm()).toBe(false);
  await user.type(field(), "2345");
  expect(hasUnsavedForm()).toBe(true);
  await user.clear(field());
  expect(hasUnsavedForm()).toBe(false);
  await user.type(field(), `${validAadhaar}{Enter}`);
  expect(hasUnsavedForm()).toBe(true);
  await user.click(screen.getByRole("checkbox"));
  await user.click(screen.getByRole("button", { name: "Send Aadhaar OTP" }));
  expect(onSubmit).toHaveBeenCalledTimes(1);
  expect(hasUnsavedForm()).toBe(false);
});
