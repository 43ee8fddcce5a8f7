import { type ClipboardEvent, useState } from "react";
import { maskAadhaar } from "#contract/aadhaar.ts";
import { controlClassName, Field } from "../../../components/ui/field.tsx";

type AadhaarNumberInputProps = {
  label: string;
  hint?: string;
  value: string;
  onChange: (digits: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  disabled?: boolean;
};

function aadhaarDigits(text: string): string {
  return text.replace(/\D/g, "").slice(0, 12);
}

/**
 * The Aadhaar number, visible only while it is being typed. Once the field
 * loses focus a complete number shows as "XXXX XXXX 1234" (so the customer
 * standing at the counter, and the next person, never see it); focusing the
 * field brings the digits back for correction.
 */
export function AadhaarNumberInput({
  label,
  hint,
  value,
  onChange,
  onBlur,
  error,
  disabled,
}: AadhaarNumberInputProps) {
  const [editing, setEditing] = useState(false);
  const masked = !editing && value.length === 12;

  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    event.preventDefault();
    onChange(aadhaarDigits(event.clipboardData.getData("text/plain")));
  }

  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          name="aadhaar"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={masked ? 14 : 12}
          disabled={disabled}
          value={masked ? maskAadhaar(value) : value}
          onFocus={() => setEditing(true)}
          onBlur={() => {
            setEditing(false);
            onBlur?.();
          }}
          onChange={(event) => onChange(aadhaarDigits(event.target.value))}
          onPaste={handlePaste}
          className={`${controlClassName} max-w-xs text-lg tracking-wider tabular-nums`}
        />
      )}
    </Field>
  );
}
