import { type ClipboardEvent, type ComponentProps, type ReactNode, useState } from "react";
import { normaliseMobile } from "#contract/mobile.ts";
import { controlClassName, Field } from "./field.tsx";

type MobileInputProps = Omit<ComponentProps<"input">, "id" | "value" | "onChange" | "type"> & {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown while the last thing typed was refused (a letter): translated text. */
  refusedMessage?: string;
};

/** Characters an agent may type or paste into a phone number; anything else is refused. */
function keepPhoneCharacters(text: string): string {
  return text.replace(/[^\d+\-\s()]/g, "");
}

/**
 * An Indian mobile number box. A pasted "+91 98765-43210" becomes
 * "9876543210" at once (contract/mobile.ts), so what the agent sees is what
 * is sent; typed spaces and dashes are tolerated and normalised on submit.
 * A typed letter is refused and the box says so, rather than dropping it
 * silently (issue #15 §3): the agent may be typing into the wrong box.
 */
export function MobileInput({
  label,
  value,
  onValueChange,
  hint,
  error,
  refusedMessage,
  className = "",
  ...props
}: MobileInputProps) {
  const [refused, setRefused] = useState(false);

  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData("text/plain");
    const normalised = normaliseMobile(pasted);
    if (normalised === "") return;
    event.preventDefault();
    setRefused(false);
    onValueChange(normalised);
  }

  return (
    <Field label={label} hint={hint} error={refused && refusedMessage ? refusedMessage : error}>
      {(control) => (
        <input
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={20}
          value={value}
          onChange={(event) => {
            const kept = keepPhoneCharacters(event.target.value);
            setRefused(kept !== event.target.value);
            onValueChange(kept);
          }}
          onPaste={handlePaste}
          className={`${controlClassName} text-lg tracking-wide tabular-nums ${className}`}
          {...props}
          {...control}
        />
      )}
    </Field>
  );
}
