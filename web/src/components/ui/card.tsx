import type { ComponentProps } from "react";

export function Card({ className = "", children, ...props }: ComponentProps<"section">) {
  return (
    <section
      className={`flex flex-col gap-4 rounded-xl border border-slate-300 bg-white p-4 shadow-sm sm:p-6 ${className}`}
      {...props}
    >
      {children}
    </section>
  );
}
