import { useLingui } from "@lingui/react";
import type { PrintSize } from "../lib/print-size.ts";
import { slipLines } from "../lib/slip-lines.ts";
import type { SlipModel } from "../lib/slip-model.ts";

/**
 * The printed acknowledgement, rendered only while printing (use-printing.ts);
 * it is then the only thing on the page (styles.css `@media print`), laid out
 * for the chosen paper through a named @page (`data-size`).
 */
export function Slip({ model, size }: { model: SlipModel; size: PrintSize }) {
  const { i18n } = useLingui();
  return (
    <section data-print-slip data-size={size} aria-label={i18n._("slip.title")} className="slip">
      <h2 className="slip-title">{i18n._("slip.title")}</h2>
      <dl className="slip-lines">
        {slipLines(model, i18n).map((line) => (
          <div key={line.key} data-line={line.key} className="slip-line">
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      <p className="slip-footer">{i18n._("slip.footer")}</p>
    </section>
  );
}
