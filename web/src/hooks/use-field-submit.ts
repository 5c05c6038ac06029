import { type FormEvent, useState } from 'react';
import { fieldErrorsOf } from '../lib/field-errors.ts';
import { useApiErrorMessage } from './use-api-error-message.ts';

/**
 * A form's save to the api: while it runs `saving`; when the api names fields at fault, their
 * messages by path (`errors`, for each field to show its own); otherwise the refusal in words
 * (`general`).
 */
export function useFieldSubmit(save: () => Promise<void>) {
  const message = useApiErrorMessage();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setGeneral(null);
    setSaving(true);
    try {
      await save();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setGeneral(message(err));
    } finally {
      setSaving(false);
    }
  };
  return { errors, general, saving, submit };
}
