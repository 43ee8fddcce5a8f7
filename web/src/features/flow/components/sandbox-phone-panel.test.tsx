import { screen, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import type { SandboxPhone } from "#contract/sandbox-phone.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { SandboxPhonePanel } from "./sandbox-phone-panel.tsx";

type Message = SandboxPhone["messages"][number];

const flowA = "flow_aaaaaaaaaaaaaaaa";
const flowB = "flow_bbbbbbbbbbbbbbbb";

const message = (
  otp: string,
  sentAt: string,
  state: Message["state"],
  purpose: Message["purpose"] = "mobile",
): Message => ({
  otp,
  purpose,
  sentAt,
  toMasked: "••••••0001",
  state,
});

/** The sandbox phone route, per flow: each flow's answer is only its own messages. */
function stubPhone(messagesByFlow: Record<string, Message[]>) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const flowId = /\/api\/flows\/([^/]+)\/sandbox-phone$/.exec(String(url))?.[1];
      if (!flowId) throw new TypeError(`unexpected ${url}`);
      asked.push(flowId);
      return new Response(JSON.stringify({ messages: messagesByFlow[flowId] ?? [] }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const otpsShown = async () =>
  (await screen.findAllByRole("listitem")).map(
    (item) => item.querySelector(".font-mono")?.textContent,
  );

test("newest first, whatever order the answer comes in, with the current OTP plain and older ones struck through and labelled", async () => {
  stubPhone({
    [flowA]: [
      message("111111", "2026-03-02T05:30:00.000Z", "replaced"),
      message("333333", "2026-03-02T05:34:00.000Z", "current", "aadhaar"),
      message("222222", "2026-03-02T05:32:00.000Z", "used"),
    ],
  });
  await renderWithProviders(<SandboxPhonePanel flowId={flowA} polling={false} />);

  expect(await otpsShown()).toEqual(["333333", "222222", "111111"]);
  const [current, used, replaced] = screen.getAllByRole("listitem");
  expect(current).toHaveTextContent("Aadhaar OTP");
  expect(within(current as HTMLElement).getByText("333333")).not.toHaveClass("line-through");
  expect(current).not.toHaveTextContent(/Replaced|Already used/);

  expect(within(used as HTMLElement).getByText("222222")).toHaveClass("line-through");
  expect(used).toHaveTextContent("Already used");
  expect(used).not.toHaveTextContent("Replaced");

  expect(within(replaced as HTMLElement).getByText("111111")).toHaveClass("line-through");
  expect(replaced).toHaveTextContent("Replaced by a newer OTP");
});

test("only this flow's messages: another flow's OTPs never show, not even while switching flows", async () => {
  const asked = stubPhone({
    [flowA]: [message("444444", "2026-03-02T05:30:00.000Z", "current")],
    [flowB]: [message("555555", "2026-03-02T05:31:00.000Z", "current")],
  });
  const { rerender } = await renderWithProviders(
    <SandboxPhonePanel flowId={flowA} polling={false} />,
  );
  expect(await otpsShown()).toEqual(["444444"]);
  expect(asked).toEqual([flowA]);

  rerender(<SandboxPhonePanel flowId={flowB} polling={false} />);
  expect(screen.queryByText("444444")).toBeNull();
  expect(await screen.findByText("555555")).toBeVisible();
  expect(await otpsShown()).toEqual(["555555"]);
  expect(asked).toEqual([flowA, flowB]);
});

test("in Hindi, the marks are in Hindi too", async () => {
  stubPhone({
    [flowA]: [
      message("666666", "2026-03-02T05:31:00.000Z", "current"),
      message("777777", "2026-03-02T05:30:00.000Z", "replaced"),
    ],
  });
  const { i18n } = await renderWithProviders(<SandboxPhonePanel flowId={flowA} polling={false} />, {
    language: "hi",
  });
  expect(await otpsShown()).toEqual(["666666", "777777"]);
  expect(screen.getAllByRole("listitem")[1]).toHaveTextContent(i18n._("sandbox.state.replaced"));
  expect(i18n._("sandbox.state.replaced")).not.toBe("Replaced by a newer OTP");
});
