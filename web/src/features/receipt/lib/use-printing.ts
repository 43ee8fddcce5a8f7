import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

/**
 * True while the page is being printed (Ctrl+P, the Print button, or print
 * media emulated by a test). The slip is only in the DOM then: a hidden copy
 * of the customer's details would otherwise sit beside the cards on screen,
 * for screen-reader browse modes and text search alike. `beforeprint` renders
 * it synchronously (flushSync), before the browser lays out the print.
 */
export function usePrinting(onPrint: () => void): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const start = () =>
      flushSync(() => {
        onPrint();
        setPrinting(true);
      });
    const end = () => setPrinting(false);
    const media = typeof window.matchMedia === "function" ? window.matchMedia("print") : null;
    const change = (event: MediaQueryListEvent) => (event.matches ? start() : end());
    window.addEventListener("beforeprint", start);
    window.addEventListener("afterprint", end);
    media?.addEventListener("change", change);
    if (media?.matches) setPrinting(true);
    return () => {
      window.removeEventListener("beforeprint", start);
      window.removeEventListener("afterprint", end);
      media?.removeEventListener("change", change);
    };
  }, [onPrint]);
  return printing;
}
