import type { ComponentProps, ReactNode } from "react";
import { formatDayFirstTyping } from "../../lib/day-first-date.ts";
import { controlClassName, Field } from "./field.tsx";

type DayFirstDateInputProps = Omit<
  ComponentProps<"input">,
  "id" | "value" | "onChange" | "type" | "children"
> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** As typed, "17/05/1990". */
  value: string;
  onValueChange: (value: string) => void;
  /** Under the box: the date in words, or a warning about it. */
  children?: ReactNode;
};

/**
 * A dd/mm/yyyy text box (lib/day-first-date.ts explains why not a native
 * date input): digits only, the slashes are put in as the agent types.
 */
export function DayFirstDateInput({
  label,
  hint,
  error,
  value,
  onValueChange,
  children,
  className = "",
  ...props
}: DayFirstDateInputProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            value={value}
            onChange={(event) => onValueChange(formatDayFirstTyping(event.target.value))}
            className={`${controlClassName} max-w-48 text-lg tracking-wide tabular-nums ${className}`}
            {...props}
            {...control}
          />
          {children}
        </>
      )}
    </Field>
  );
}
