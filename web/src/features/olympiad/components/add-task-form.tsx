import { type FormEvent, useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { addTask } from '../api/olympiad-api.ts';

/** A host or the chief expert adds a task: title, maximum, and how it is marked. */
export function AddTaskForm({ eventId, onAdded }: { eventId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  const [title, setTitle] = useState('');
  const [maxScore, setMaxScore] = useState('10');
  const [scheme, setScheme] = useState<'judged' | 'pass_fail' | 'value'>('judged');
  const [target, setTarget] = useState('');
  const [tolerance, setTolerance] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await addTask(eventId, {
        title,
        maxScore: Number(maxScore),
        kind: scheme === 'judged' ? 'judged' : 'measured',
        ...(scheme === 'judged'
          ? {}
          : scheme === 'value'
            ? { scheme: { type: 'value' as const, target: Number(target), tolerance: Number(tolerance) } }
            : { scheme: { type: 'pass_fail' as const } }),
      });
      setTitle('');
      onAdded();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="card add-task" onSubmit={(e) => void submit(e)} aria-labelledby="add-task-title">
      <h3 id="add-task-title">{t('olympiad.addTask')}</h3>
      <div className="add-task-fields">
        <label className="field">
          <span>{t('olympiad.taskTitle')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <label className="field">
          <span>{t('olympiad.taskMax')}</span>
          <input
            type="number"
            min="1"
            max="1000"
            value={maxScore}
            onChange={(e) => setMaxScore(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('olympiad.taskScheme')}</span>
          <select value={scheme} onChange={(e) => setScheme(e.target.value as typeof scheme)}>
            <option value="judged">{t('olympiad.scheme.judged')}</option>
            <option value="pass_fail">{t('olympiad.scheme.passFail')}</option>
            <option value="value">{t('olympiad.scheme.valueOption')}</option>
          </select>
        </label>
        {scheme === 'value' && (
          <>
            <label className="field">
              <span>{t('olympiad.target')}</span>
              <input
                type="number"
                step="any"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                required
              />
            </label>
            <label className="field">
              <span>{t('olympiad.tolerance')}</span>
              <input
                type="number"
                step="any"
                min="0"
                value={tolerance}
                onChange={(e) => setTolerance(e.target.value)}
                required
              />
            </label>
          </>
        )}
      </div>
      <button type="submit" className="button primary">
        {t('olympiad.add')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
