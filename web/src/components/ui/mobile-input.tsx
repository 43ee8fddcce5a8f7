import type { ClipboardEvent, ComponentProps, ReactNode } from "react";
import { normaliseMobile } from "#contract/mobile.ts";
import { controlClassName, Field } from "./field.tsx";

type MobileInputProps = Omit<ComponentProps<"input">, "id" | "value" | "onChange" | "type"> & {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
};

/** Characters an agent may type or paste into a phone number; anything else is dropped. */
function keepPhoneCharacters(text: string): string {
  return text.replace(/[^\d+\-\s()]/g, "");
}

/**
 * An Indian mobile number box. A pasted "+91 98765-43210" becomes
 * "9876543210" at once (contract/mobile.ts), so what the agent sees is what
 * is sent; typed spaces and dashes are tolerated and normalised on submit.
 */
export function MobileInput({
  label,
  value,
  onValueChange,
  hint,
  error,
  className = "",
  ...props
}: MobileInputProps) {
  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData("text/plain");
    const normalised = normaliseMobile(pasted);
    if (normalised === "") return;
    event.preventDefault();
    onValueChange(normalised);
  }

  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={20}
          value={value}
          onChange={(event) => onValueChange(keepPhoneCharacters(event.target.value))}
          onPaste={handlePaste}
          className={`${controlClassName} text-lg tracking-wide tabular-nums ${className}`}
          {...props}
          {...control}
        />
      )}
    </Field>
  );
}
