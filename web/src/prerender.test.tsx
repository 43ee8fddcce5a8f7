import { within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import { renderAppFrame, renderSignInScreen } from "./prerender.tsx";

/** The static markup as the browser would show it before any script runs. */
function show(html: string): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = "";
});

test("the pre-rendered sign-in screen is the real one, in English, from the catalog", () => {
  const screen = within(show(renderSignInScreen()));
  expect(
    screen.getByRole("heading", { level: 1, name: "Sign in to the Eko OTP console" }),
  ).toBeInTheDocument();
  expect(screen.getByText("Eko OTP console")).toBeInTheDocument();
  expect(screen.getByLabelText("Login")).toHaveAttribute("autocomplete", "username");
  expect(screen.getByLabelText("Password")).toHaveAttribute("type", "password");
  expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument();
  expect(screen.getByRole("radio", { name: "English" })).toBeChecked();
  expect(screen.getByRole("radio", { name: "हिन्दी" })).not.toBeChecked();
});

test("nothing in it can be typed into or pressed until the app replaces it", () => {
  const root = show(renderSignInScreen());
  const screen = within(root);
  expect(root.firstElementChild).toHaveAttribute("inert");
  expect(screen.getByLabelText("Login")).toBeDisabled();
  expect(screen.getByLabelText("Password")).toBeDisabled();
  expect(screen.getByRole("button", { name: "Sign in" })).toBeDisabled();
  for (const radio of screen.getAllByRole("radio")) expect(radio).toBeDisabled();
});

test("the app frame is the header bar and a spinner, no words", () => {
  const root = show(renderAppFrame());
  expect(root.querySelector("main")).toHaveAttribute("aria-busy", "true");
  expect(root.textContent).toBe("");
});
