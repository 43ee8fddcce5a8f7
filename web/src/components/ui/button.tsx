import type { ComponentProps } from "react";
import { Spinner } from "./spinner.tsx";

const variants = {
  primary:
    "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400 disabled:text-white border-transparent",
  secondary:
    "bg-white text-brand-800 border-brand-700 hover:bg-brand-50 disabled:text-slate-500 disabled:border-slate-300",
  ghost:
    "bg-transparent text-brand-800 border-transparent hover:bg-brand-50 disabled:text-slate-500",
  danger: "bg-red-700 text-white hover:bg-red-800 border-transparent disabled:bg-slate-400",
  /** On the dark header bar. */
  inverse:
    "bg-transparent text-white border-white/80 hover:bg-white/15 disabled:text-white/70 focus-visible:outline-white",
  inversePlain:
    "bg-transparent text-white border-transparent hover:bg-white/15 disabled:text-white/70 focus-visible:outline-white",
} as const;

const sizes = {
  md: "px-4 text-base",
  /** Header controls at 360 px. */
  sm: "px-2 text-sm",
} as const;

export type ButtonProps = ComponentProps<"button"> & {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
  /**
   * A request is in flight: the button shows a spinner and cannot be pressed
   * again. Its accessible name stays the same, so "Verify OTP" is still
   * "Verify OTP" for screen readers and tests.
   */
  busy?: boolean;
};

export function Button({
  variant = "primary",
  size = "md",
  busy = false,
  disabled,
  className = "",
  children,
  type = "button",
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border-2 py-2 font-semibold transition-colors disabled:cursor-not-allowed ${sizes[size]} ${variants[variant]} ${className}`}
      {...props}
    >
      {busy ? <Spinner decorative className="size-4" /> : null}
      {children}
    </button>
  );
}
