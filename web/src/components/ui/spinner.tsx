import { useLingui } from "@lingui/react";

type SpinnerProps = {
  /** Announced to screen readers; defaults to "Loading…". */
  label?: string;
  /** Inside a button the button's own name is enough; the spinner is decoration. */
  decorative?: boolean;
  className?: string;
};

export function Spinner({ label, decorative = false, className = "" }: SpinnerProps) {
  const { i18n } = useLingui();
  const circle = (
    <span
      aria-hidden="true"
      className={`inline-block size-5 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent ${className}`}
    />
  );
  if (decorative) return circle;
  return (
    <span role="status" className="inline-flex items-center gap-2">
      {circle}
      <span className="sr-only">{label ?? i18n._("common.loading")}</span>
    </span>
  );
}
