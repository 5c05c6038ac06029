import { cloneElement, type ReactElement, type ReactNode, useId } from 'react';
import './field.css';

type TFieldProps = {
  label: string;
  /** The api's or the form's message for this field, shown under it and tied to it for screen readers. */
  error?: string | null;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
  className?: string;
};

/** A labelled control with its hint and error tied to it by `aria-describedby`. */
export function Field({ label, error, hint, children, className }: TFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes or radios with a legend and an error tied to the group. */
export function FieldSet({
  legend,
  error,
  children,
  className,
}: {
  legend: string;
  error?: string | null;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`fieldset${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
