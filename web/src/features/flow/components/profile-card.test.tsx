import { screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import type { Profile } from "#contract/flow-view.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { ProfileCard } from "./profile-card.tsx";

const profile: Profile = {
  name: "Karan Garg",
  mobileMasked: "••••••3210",
  balance: 12450.5,
  nextAllowedLimit: 5287,
  totalMonthlyLimit: 50000,
  usage: { used: 44713, remaining: 5287, unavailable: 0 },
  kyc: "full_kyc",
};

function row(label: string) {
  const term = screen.getByText(label, { selector: "dt" });
  return term.nextElementSibling as HTMLElement;
}

test("shows rupees with Indian grouping", async () => {
  await renderWithProviders(<ProfileCard profile={{ ...profile, totalMonthlyLimit: 125000 }} />);
  expect(row("Wallet balance")).toHaveTextContent("₹12,450.50");
  expect(row("Can send now")).toHaveTextContent("₹5,287");
  expect(row("Monthly limit")).toHaveTextContent("₹1,25,000");
});

test("shows the name, the masked mobile and a Full KYC badge", async () => {
  await renderWithProviders(<ProfileCard profile={profile} />);
  expect(screen.getByRole("heading", { name: "Karan Garg" })).toBeInTheDocument();
  expect(row("Mobile")).toHaveTextContent("••••••3210");
  expect(screen.getByText("Full KYC")).toBeInTheDocument();
  expect(screen.queryByText("Non-KYC")).not.toBeInTheDocument();
});

test("a non-KYC customer gets the Non-KYC badge", async () => {
  await renderWithProviders(<ProfileCard profile={{ ...profile, kyc: "non_kyc" }} />);
  expect(screen.getByText("Non-KYC")).toBeInTheDocument();
});

test("the usage bar carries the used and remaining amounts, also as text", async () => {
  await renderWithProviders(<ProfileCard profile={profile} />);
  const meter = screen.getByRole("meter", { name: "Monthly limit used" });
  expect(meter).toHaveAttribute("value", "44713");
  expect(meter).toHaveAttribute("max", "50000");
  expect(meter).toHaveAttribute("aria-valuetext", "₹44,713 used, ₹5,287 remaining of ₹50,000");
  const legend = screen.getByText("Used", { selector: "dt" }).closest("dl") as HTMLElement;
  expect(within(legend).getByText("₹44,713")).toBeInTheDocument();
  expect(within(legend).getByText("₹5,287")).toBeInTheDocument();
});

test("missing values say so instead of showing ₹0", async () => {
  await renderWithProviders(
    <ProfileCard
      profile={{ ...profile, name: null, balance: null, totalMonthlyLimit: null, usage: null }}
    />,
  );
  expect(screen.getByRole("heading", { name: "Name not on record" })).toBeInTheDocument();
  expect(row("Wallet balance")).toHaveTextContent("Not given by Eko");
  expect(screen.queryByText("Monthly limit")).not.toBeInTheDocument();
  expect(screen.queryByRole("meter")).not.toBeInTheDocument();
});

test("in Hindi the labels are Hindi and amounts keep hi-IN grouping", async () => {
  await renderWithProviders(<ProfileCard profile={{ ...profile, balance: 125000.75 }} />, {
    language: "hi",
  });
  expect(row("वॉलेट बैलेंस")).toHaveTextContent("₹1,25,000.75");
  expect(screen.getByText("पूरी KYC")).toBeInTheDocument();
});
