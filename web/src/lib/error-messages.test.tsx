import { screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { errorCodes } from "#contract/errors.ts";
import { ApiErrorAlert } from "../components/ui/api-error-alert.tsx";
import { renderWithProviders } from "../test/render.tsx";
import { ApiRequestError, type ClientErrorCode, unwrap } from "./api-error.ts";
import { errorMessage, errorMessages } from "./error-messages.ts";
import { activateLanguage, createI18n } from "./i18n.ts";

const failure = (code: ClientErrorCode, details = {}) =>
  new ApiRequestError({ status: 503, code, message: "English for developers", details });

test("every server error code has its own message id", () => {
  for (const code of errorCodes) expect(errorMessages[code]?.id).toBe(`error.${code}`);
});

// createI18n: the first screen's catalog alone must explain every error (sign-in shows them).
test("every code reads as a sentence in both languages, never the id or the server's English", async () => {
  for (const language of ["en", "hi"] as const) {
    const i18n = createI18n();
    await activateLanguage(i18n, language);
    for (const code of [...errorCodes, "network_error" as const]) {
      const text = errorMessage(i18n, failure(code));
      expect(text, `${language} ${code}`).not.toBe(`error.${code}`);
      expect(text).not.toContain("English for developers");
      expect(text.length).toBeGreaterThan(15);
    }
  }
});

test("the messages agents most need say what to do", async () => {
  const i18n = createI18n();
  expect(errorMessage(i18n, failure("upstream_timeout"))).toBe(
    "Eko is not responding; try again in a minute.",
  );
  expect(errorMessage(i18n, failure("upstream_unavailable"))).toBe(
    "Eko is not responding; try again in a minute.",
  );
  expect(errorMessage(i18n, failure("upstream_auth_failed"))).toMatch(
    /ask your administrator to check the server clock and the Eko keys/i,
  );
  expect(errorMessage(i18n, failure("flow_busy"))).toMatch(/still running/);
});

test("rate limits say how long to wait", async () => {
  const i18n = createI18n();
  expect(errorMessage(i18n, failure("rate_limited", { retryAfterSeconds: 720 }))).toBe(
    "Too many tries. Try again in 12 minutes.",
  );
  expect(errorMessage(i18n, failure("rate_limited", { retryAfterSeconds: 61 }))).toBe(
    "Too many tries. Try again in 2 minutes.",
  );
  expect(errorMessage(i18n, failure("rate_limited", { retryAfterSeconds: 40 }))).toBe(
    "Too many tries. Try again in 40 seconds.",
  );
  await activateLanguage(i18n, "hi");
  expect(errorMessage(i18n, failure("rate_limited", { retryAfterSeconds: 720 }))).toBe(
    "बहुत ज़्यादा कोशिशें हो गईं। 12 मिनट बाद फिर से कोशिश करें।",
  );
});

test("anything that is not an API error still gets plain words", () => {
  expect(errorMessage(createI18n(), new TypeError("boom"))).toBe(
    "Something went wrong. Try again.",
  );
});

test("a failed response keeps its code, fields, retry hint and request id", async () => {
  const body = {
    error: {
      code: "validation_failed",
      message: "Some fields are not valid",
      requestId: "req-1",
      details: { fields: { "address.pincode": "pincode_invalid" } },
    },
  };
  const response = new Response(JSON.stringify(body), {
    status: 422,
    headers: { "content-type": "application/json" },
  });
  const error = await unwrap(Promise.resolve(response) as never).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiRequestError);
  expect(error).toMatchObject({
    status: 422,
    code: "validation_failed",
    requestId: "req-1",
    details: { fields: { "address.pincode": "pincode_invalid" } },
  });
});

test("a 429 without a JSON body still becomes rate_limited with the Retry-After wait", async () => {
  const response = new Response("slow down", { status: 429, headers: { "retry-after": "90" } });
  const error = await unwrap(Promise.resolve(response) as never).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 90 } });
});

test("a request that never reaches the server is a network error", async () => {
  const error = await unwrap(Promise.reject(new TypeError("Failed to fetch"))).catch(
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ status: 0, code: "network_error" });
});

test("ApiErrorAlert announces the message with role=alert and offers a retry when it can help", async () => {
  await renderWithProviders(
    <ApiErrorAlert
      error={
        new ApiRequestError({
          status: 504,
          code: "upstream_timeout",
          message: "x",
          requestId: "req-42",
        })
      }
      onRetry={() => {}}
    />,
  );
  const alert = screen.getByRole("alert");
  expect(alert).toHaveTextContent("Eko is not responding; try again in a minute.");
  expect(alert).toHaveTextContent("Reference req-42");
  expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
});

test("no retry button where retrying cannot help", async () => {
  await renderWithProviders(
    <ApiErrorAlert
      error={new ApiRequestError({ status: 403, code: "forbidden", message: "x" })}
      onRetry={() => {}}
    />,
  );
  expect(screen.getByRole("alert")).toHaveTextContent("Ask your administrator");
  expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
});
