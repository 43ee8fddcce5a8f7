import type { ComponentProps, ReactNode } from "react";
import { controlClassName, Field } from "./field.tsx";

export type TextInputProps = Omit<ComponentProps<"input">, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
};

export function TextInput({ label, hint, error, id, className = "", ...props }: TextInputProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => (
        <input className={`${controlClassName} ${className}`} {...props} {...control} />
      )}
    </Field>
  );
}
