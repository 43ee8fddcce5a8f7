/** The paper the slip is laid out for: thermal rolls at the counter, or an office printer. */
export const printSizes = ["58mm", "80mm", "a4"] as const;
export type PrintSize = (typeof printSizes)[number];

const storageKey = (agentId: string) => `eko-console.print-size.${agentId}`;

function isPrintSize(value: unknown): value is PrintSize {
  return printSizes.includes(value as PrintSize);
}

/**
 * Per agent on this PC (localStorage): two agents sharing a counter PC may
 * use different printers, and a shop's printer does not move between PCs.
 */
export function storedPrintSize(agentId: string): PrintSize {
  try {
    const value = localStorage.getItem(storageKey(agentId));
    return isPrintSize(value) ? value : "80mm";
  } catch {
    return "80mm";
  }
}

export function storePrintSize(agentId: string, size: PrintSize): void {
  try {
    localStorage.setItem(storageKey(agentId), size);
  } catch {
    // Private mode or a full store: the choice lasts for this page only.
  }
}
