"use client";
// A submit button that says it is working while its form's action runs.
import { useFormStatus } from "react-dom";
import { button } from "./styles";

export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  name,
  value,
  className,
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: keyof typeof button;
  name?: string;
  value?: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={className ?? button[variant]}>
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
