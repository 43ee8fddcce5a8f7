/** How the text left the console: the Web Share sheet, the clipboard, or neither. */
export type ShareResult = "shared" | "copied" | "cancelled" | "failed";

export function canWebShare(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.share === "function";
}

/**
 * The Web Share API where the browser has it (phones, Windows, ChromeOS),
 * else the clipboard. Only the plain text goes: no link, no file.
 */
export async function shareSlipText(title: string, text: string): Promise<ShareResult> {
  if (canWebShare()) {
    try {
      await navigator.share({ title, text });
      return "shared";
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
      // NotAllowedError and friends: fall through to copying.
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    return "failed";
  }
}
