import { type ReactNode, useId } from "react";

/** What a control needs to be labelled and tied to its hint and error text. */
export type FieldControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

type FieldProps = {
  label: ReactNode;
  /** Shown under the label; read out with the control. */
  hint?: ReactNode;
  /** Already-translated error text; marks the control invalid. */
  error?: string | undefined;
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * Label, hint and error around one control. The control gets `aria-invalid`
 * and `aria-describedby` pointing at the error (and hint), so a screen reader
 * reads "Customer mobile number, invalid entry, Enter a 10-digit…".
 */
export function Field({ label, hint, error, id, className = "", children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={controlId} className="font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Shared look of text-like controls: 44 px tall, visible border, red when invalid. */
export const controlClassName =
  "min-h-11 w-full min-w-0 rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500 aria-invalid:border-red-700 disabled:bg-slate-100";
