import { type ReactNode, useEffect, useRef } from "react";

type PageHeadingProps = {
  children: ReactNode;
  /** h1 for a screen, h2 for a step inside the flow screen. */
  level?: 1 | 2;
  className?: string;
};

/**
 * The heading of a screen or step. It takes focus when it appears, so after
 * each step change keyboard and screen-reader users start at the new step
 * instead of at a button that no longer exists.
 */
export function PageHeading({ children, level = 2, className = "" }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Tag = level === 1 ? "h1" : "h2";
  return (
    <Tag
      ref={ref}
      tabIndex={-1}
      className={`text-xl font-bold text-slate-900 sm:text-2xl ${className}`}
    >
      {children}
    </Tag>
  );
}
