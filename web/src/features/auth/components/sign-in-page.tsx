import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Field } from '../../../components/field.tsx';
import { PublicPage } from '../../../components/public-page.tsx';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useAuth } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import '../auth.css';

/** Sign-in with e-mail and password; returns to the page the user came for. */
export function SignInPage() {
  const { t } = useI18n();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const errorMessage = useApiErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const from = (location.state as { from?: string } | null)?.from ?? '/calendar';

  if (user) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: typeof fieldErrors = {};
    if (!email.trim()) errors.email = t('signIn.emailRequired');
    if (!password) errors.password = t('signIn.passwordRequired');
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('signIn.tooMany'));
      else if (err instanceof ApiError && err.code === 'validation_failed') {
        setFieldErrors({
          email: err.fields.some((f) => f.field === 'email') ? t('signIn.emailInvalid') : undefined,
        });
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicPage mainClassName="sign-in-main" skipLink>
      <div className="card sign-in-card">
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        <form onSubmit={submit} noValidate>
          <Field label={t('signIn.email')} error={fieldErrors.email}>
            <input
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </Field>
          <Field label={t('signIn.password')} error={fieldErrors.password}>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </Field>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </PublicPage>
  );
}
