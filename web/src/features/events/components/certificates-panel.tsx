import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client.ts';
import { isCoordinator, isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { issueCertificates, listCertificates, revokeCertificate } from '../api/event-api.ts';

type TItem = Awaited<ReturnType<typeof listCertificates>>[number];

/**
 * After an event: its certificates (staff see all and issue them to everyone eligible; a student
 * sees their own), each with its verification page and PDF.
 */
export function CertificatesPanel({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const user = useUser();
  const [items, setItems] = useState<TItem[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(() => {
    listCertificates(eventId).then(setItems, () => setItems(null));
  }, [eventId]);
  useEffect(load, [load]);
  if (!items) return null;
  const issue = async () => {
    try {
      const out = await issueCertificates(eventId);
      setItems(out.certificates);
      setNote(t('certs.issued', { n: out.issued }));
    } catch (err) {
      setNote(err instanceof ApiError && err.status === 409 ? t('certs.notOver') : t('error.generic'));
    }
  };
  const revoke = async (code: string) => {
    try {
      await revokeCertificate(code);
      load();
    } catch {
      setNote(t('certs.revokeFailed'));
    }
  };
  if (!items.length && !isStaff(user)) return null;
  return (
    <section className="card" aria-labelledby="certs-title">
      <h2 id="certs-title">{t('certs.title')}</h2>
      {isStaff(user) && (
        <button type="button" className="button secondary wide" onClick={() => void issue()}>
          {t('certs.issue')}
        </button>
      )}
      {note && <p role="status">{note}</p>}
      <ul className="certs-list">
        {items.map((c) => (
          <li key={c.code}>
            {c.holderName} · {c.hours} · {c.valid ? t('certificate.valid') : t('certs.revoked')} ·{' '}
            <Link to={`/certificates/${c.code}`}>{c.code}</Link>
            {c.valid && (
              <>
                {' '}
                · <a href={`/api/certificates/${c.code}/pdf`}>PDF</a>
                {isCoordinator(user) && (
                  <>
                    {' '}
                    <button type="button" className="button secondary" onClick={() => void revoke(c.code)}>
                      {t('certs.revoke')}
                    </button>
                  </>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
