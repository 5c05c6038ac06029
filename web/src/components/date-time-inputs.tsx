import { type InputHTMLAttributes, useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { fromDottedDate, toDottedDate } from './dual-zone-time-input.tsx';

type TTextProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'>;

/** `9:30`, `09:30` or `0930` → `09:30`; null when it is not a 24-hour time. */
export function normalizeTime(text: string): string | null {
  const m = /^\s*([01]?\d|2[0-3]):?([0-5]\d)\s*$/.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/**
 * What both fields are: a text field with the numeric keyboard and no autofill, marked invalid
 * while its text does not read (unless the form marks it itself).
 */
function typedField(placeholder: string, invalid: boolean, marked: TTextProps['aria-invalid']) {
  return {
    type: 'text',
    inputMode: 'numeric',
    autoComplete: 'off',
    placeholder,
    'aria-invalid': marked ?? (invalid || undefined),
  } as const;
}

/** What a date field's text reads as: `yyyy-mm-dd` from `dd.mm.yyyy` (or a pasted ISO date), else null. */
export function readDate(text: string): string | null {
  const iso = /^\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(text)?.[1];
  return iso ? fromDottedDate(toDottedDate(iso)) : fromDottedDate(text);
}

/**
 * A date typed as dd.MM.yyyy in every browser and language: the native date field follows the
 * browser's locale (12/02/2026 in an English Chromium). Speaks ISO `yyyy-mm-dd` to the form; a text
 * that is not a date yet is passed on as typed (the form's or the api's check names it) and marked
 * invalid.
 */
export function DateInput({
  value,
  onChange,
  ...rest
}: TTextProps & { value: string; onChange: (iso: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => toDottedDate(value) || value);
  // A value set from outside (a day added, the saved programme) replaces what is shown.
  useEffect(() => {
    setText((shown) => ((readDate(shown) ?? shown) === value ? shown : toDottedDate(value) || value));
  }, [value]);
  const invalid = text.trim() !== '' && readDate(text) === null;
  return (
    <input
      {...rest}
      {...typedField(t('common.datePlaceholder'), invalid, rest['aria-invalid'])}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(readDate(e.target.value) ?? e.target.value);
      }}
    />
  );
}

/**
 * A 24-hour time (HH:mm) in every browser and language: the native time field shows AM/PM in an
 * English browser. Passes `HH:mm` on once it reads as a time, the text as typed before that.
 */
export function TimeInput({
  value,
  onChange,
  ...rest
}: TTextProps & { value: string; onChange: (hhmm: string) => void }) {
  const { t } = useI18n();
  const invalid = value.trim() !== '' && normalizeTime(value) === null;
  return (
    <input
      {...rest}
      {...typedField(t('common.timePlaceholder'), invalid, rest['aria-invalid'])}
      maxLength={5}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        const hhmm = normalizeTime(e.target.value);
        if (hhmm && hhmm !== e.target.value) onChange(hhmm);
        rest.onBlur?.(e);
      }}
    />
  );
}
