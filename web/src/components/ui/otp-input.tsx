import { OTPInput, REGEXP_ONLY_DIGITS, type SlotProps } from "input-otp";
import type { ReactNode, Ref } from "react";
import { Field } from "./field.tsx";

type OtpInputProps = {
  label: ReactNode;
  length: number;
  value: string;
  onChange: (value: string) => void;
  /** Called once when the last digit is typed or a full code is pasted. */
  onComplete?: (otp: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
};

/** "12 34 56", "123-456", "OTP: 123456" from an SMS: keep the digits. */
export function digitsOnly(text: string): string {
  return text.replace(/\D/g, "");
}

function Slot({ char, isActive, hasFakeCaret }: SlotProps) {
  return (
    <div
      className={`relative flex h-12 w-10 items-center justify-center rounded-lg border-2 bg-white text-xl font-semibold tabular-nums sm:w-11 ${
        isActive ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-400"
      }`}
    >
      {char}
      {hasFakeCaret ? (
        <span
          aria-hidden="true"
          className="h-6 w-px animate-pulse bg-slate-900 motion-reduce:animate-none"
        />
      ) : null}
    </div>
  );
}

/**
 * One real `<input>` (so SMS autofill, paste and screen readers work) drawn as
 * one box per digit. `onComplete` fires once each time the code becomes full
 * (input-otp calls it on the transition, not on every render), so the same
 * six digits typed again after a wrong attempt submit again.
 */
export function OtpInput({
  label,
  length,
  value,
  onChange,
  onComplete,
  error,
  hint,
  disabled,
  autoFocus,
  ref,
}: OtpInputProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          {/* input-otp skips injecting its inline <style> (refused by our CSP) when this id
              exists; its rules are in styles.css instead. */}
          <span id="input-otp-style" hidden />
          <OTPInput
            {...control}
            ref={ref}
            maxLength={length}
            value={value}
            onChange={onChange}
            onComplete={(otp: string) => onComplete?.(otp)}
            pattern={REGEXP_ONLY_DIGITS}
            pasteTransformer={digitsOnly}
            inputMode="numeric"
            autoComplete="one-time-code"
            // The password-manager badge probe measures layout; we have no password here.
            pushPasswordManagerStrategy="none"
            disabled={disabled}
            autoFocus={autoFocus}
            containerClassName="flex w-fit items-center gap-1.5 has-[:disabled]:opacity-60 has-[:focus-visible]:rounded-lg has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-4 has-[:focus-visible]:outline-brand-600"
            render={({ slots }) =>
              slots.map((slot, index) => <Slot key={String(index)} {...slot} />)
            }
          />
        </>
      )}
    </Field>
  );
}
