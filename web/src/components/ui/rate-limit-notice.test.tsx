import { act, screen } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { ApiRequestError } from "../../lib/api-error.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { ApiErrorAlert } from "./api-error-alert.tsx";

const limited = (details: Record<string, unknown>) =>
  new ApiRequestError({
    status: 429,
    code: "rate_limited",
    message: "Too many",
    requestId: "r1",
    details,
  } as ConstructorParameters<typeof ApiRequestError>[0]);

afterEach(() => {
  vi.useRealTimers();
});

test("while a wait applies: a countdown, what the limit is about, and no Try again", async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  await renderWithProviders(
    <ApiErrorAlert
      error={limited({ retryAfterSeconds: 65, scope: "customer_mobile" })}
      onRetry={() => {}}
    />,
  );
  expect(screen.getByText("Too many tries. You can try again in 1:05.")).toBeVisible();
  expect(screen.getByText(/on this customer's mobile number/)).toBeVisible();
  expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();

  await act(async () => {
    vi.advanceTimersByTime(5_000);
  });
  expect(screen.getByText("Too many tries. You can try again in 1:00.")).toBeVisible();

  await act(async () => {
    vi.advanceTimersByTime(61_000);
  });
  expect(screen.getByText("The wait is over: you can try again now.")).toBeVisible();
  expect(screen.getByRole("button", { name: "Try again" })).toBeVisible();
});

test("in Hindi, the limit on the agent is named as such", async () => {
  await renderWithProviders(
    <ApiErrorAlert error={limited({ retryAfterSeconds: 600, scope: "agent" })} />,
    { language: "hi" },
  );
  expect(screen.getByText(/यह रोक आप पर, एजेंट पर है/)).toBeVisible();
  expect(screen.getByText(/10:00 बाद/)).toBeVisible();
});
