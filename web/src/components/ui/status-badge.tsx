import type { ReactNode } from "react";

const tones = {
  success: "bg-green-100 text-green-900 border-green-700",
  warning: "bg-amber-100 text-amber-950 border-amber-600",
  danger: "bg-red-100 text-red-900 border-red-700",
  neutral: "bg-slate-100 text-slate-900 border-slate-500",
} as const;

/** A short status in words (colour only repeats what the text says). */
export function StatusBadge({
  tone = "neutral",
  children,
}: {
  tone?: keyof typeof tones;
  children: ReactNode;
}) {
  return (
    <span
      data-badge
      className={`inline-flex items-center rounded-full border px-3 py-0.5 text-sm font-semibold ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
