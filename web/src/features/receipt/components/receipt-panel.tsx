import { useLingui } from "@lingui/react";
import { useCallback, useState } from "react";
import { createPortal } from "react-dom";
import type { FlowView } from "#contract/flow-view.ts";
import { Button } from "../../../components/ui/button.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { type PrintSize, printSizes, storedPrintSize, storePrintSize } from "../lib/print-size.ts";
import { slipShareText } from "../lib/slip-lines.ts";
import { type SlipAgent, slipModel } from "../lib/slip-model.ts";
import { usePrinting } from "../lib/use-printing.ts";
import { canWebShare, type ShareResult, shareSlipText } from "./share-slip.ts";
import { Slip } from "./slip.tsx";

const sizeNames: Record<PrintSize, { id: string }> = {
  "58mm": { id: "slip.size.58mm" },
  "80mm": { id: "slip.size.80mm" },
  a4: { id: "slip.size.a4" },
};

type ReceiptPanelProps = { flow: FlowView; agent: SlipAgent & { id: string } };

/**
 * Print and Share for the customer's acknowledgement of a finished flow
 * (nothing for a flow still under way); the slip itself prints alone.
 */
export function ReceiptPanel({ flow, agent }: ReceiptPanelProps) {
  const { i18n } = useLingui();
  const [size, setSize] = useState<PrintSize>(() => storedPrintSize(agent.id));
  // The slip says when it was handed over: re-stamped when printed or shared.
  const [issuedAt, setIssuedAt] = useState(() => new Date());
  const [shared, setShared] = useState<ShareResult | null>(null);
  const webShare = canWebShare();

  // Ctrl+P prints the slip too, stamped with the time it is printed.
  const printing = usePrinting(useCallback(() => setIssuedAt(new Date()), []));

  const slip = slipModel(flow, agent, issuedAt);
  if (!slip) return null;

  function chooseSize(next: PrintSize) {
    setSize(next);
    storePrintSize(agent.id, next);
  }

  async function share() {
    const now = new Date();
    setIssuedAt(now);
    const current = slipModel(flow, agent, now);
    if (!current) return;
    setShared(await shareSlipText(i18n._("slip.title"), slipShareText(current, i18n)));
  }

  return (
    <section
      aria-label={i18n._("slip.actions")}
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-3"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 basis-40">
          <SelectInput
            label={i18n._("slip.size")}
            value={size}
            onChange={(event) => chooseSize(event.target.value as PrintSize)}
          >
            {printSizes.map((option) => (
              <option key={option} value={option}>
                {i18n._(sizeNames[option])}
              </option>
            ))}
          </SelectInput>
        </div>
        <Button variant="secondary" onClick={() => window.print()}>
          {i18n._("slip.print")}
        </Button>
        <Button variant="secondary" onClick={() => void share()}>
          {i18n._(webShare ? "slip.share" : "slip.copy_text")}
        </Button>
      </div>
      <p role="status" className="text-sm text-slate-700 empty:hidden">
        {shared === "copied" ? i18n._("slip.copied") : null}
        {shared === "shared" ? i18n._("slip.shared") : null}
      </p>
      {shared === "failed" ? (
        <div className="flex flex-col gap-1">
          <p role="alert" className="text-sm font-medium text-red-700">
            {i18n._("slip.copy_failed")}
          </p>
          <textarea
            readOnly
            aria-label={i18n._("slip.text")}
            value={slipShareText(slip, i18n)}
            rows={8}
            className="w-full rounded-lg border-2 border-slate-400 p-2 text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      ) : null}
      {printing ? createPortal(<Slip model={slip} size={size} />, document.body) : null}
    </section>
  );
}
