import type { ComponentProps, ReactNode } from "react";
import { controlClassName, Field } from "./field.tsx";

export type SelectInputProps = Omit<ComponentProps<"select">, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
};

export function SelectInput({ label, hint, error, id, children, ...props }: SelectInputProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => (
        <select className={controlClassName} {...props} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}
