import type { ReactNode } from "react";

const tones = {
  error: "border-red-700 bg-red-50 text-red-900",
  warning: "border-amber-600 bg-amber-50 text-amber-950",
  info: "border-brand-600 bg-brand-50 text-slate-900",
  success: "border-green-700 bg-green-50 text-green-950",
} as const;

type AlertProps = {
  tone?: keyof typeof tones;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons that fix the problem: retry, resend, start over. */
  actions?: ReactNode;
  className?: string;
};

/**
 * Errors and warnings use role="alert" so they are announced the moment they
 * appear; info and success are polite status messages.
 */
export function Alert({ tone = "error", title, children, actions, className = "" }: AlertProps) {
  const urgent = tone === "error" || tone === "warning";
  return (
    <div
      role={urgent ? "alert" : "status"}
      className={`flex flex-col gap-2 rounded-lg border-l-4 p-3 ${tones[tone]} ${className}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div>{children}</div> : null}
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
