import { eventClocks } from '@telemost/core/presentation/clocks';
import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TCertificate } from '@telemost/core/schemas/certificate';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatLongDate } from '../../../lib/time.ts';

/** What a certificate's code proves: valid or revoked, who, what, when (both clocks), hours, colleges. */
export function CertificateView({
  certificate: c,
  viewerZone,
}: {
  certificate: TCertificate;
  viewerZone: string;
}) {
  const { t, locale, pick } = useI18n();
  const clocks = eventClocks(c.institutions, c.event.start, { locale, timeZone: viewerZone });
  return (
    <div className="card certificate-card">
      <h1>{t('certificate.title')}</h1>
      {c.valid ? (
        <p className="certificate-valid" role="status" data-testid="certificate-status">
          {t('certificate.valid')}
        </p>
      ) : (
        <p className="certificate-revoked" role="status" data-testid="certificate-status">
          {t('certificate.revoked', { date: formatLongDate(c.revokedAt ?? c.issuedAt, viewerZone, locale) })}
        </p>
      )}
      <dl className="certificate-facts">
        <dt>{t('certificate.holder')}</dt>
        <dd data-testid="certificate-holder">{c.holder.name}</dd>
        <dt>{t('certificate.event')}</dt>
        <dd>
          {kindLabel(c.event.kind, locale)}: «{c.event.title}»
        </dd>
        <dt>{t('certificate.when')}</dt>
        <dd data-testid="certificate-when">
          {formatLongDate(c.event.start, viewerZone, locale)},{' '}
          {formatBothRanges(c.event.start, c.event.end, clocks)}
        </dd>
        {c.result && (
          <>
            <dt>{t('certificate.result')}</dt>
            <dd data-testid="certificate-result">
              {c.result.medal && <strong>{t(`medal.${c.result.medal}`)} · </strong>}
              {t('certificate.place', { rank: c.result.rank, score: c.result.score, max: c.result.maxScore })}
            </dd>
          </>
        )}
        <dt>{t(c.basis === 'internship' ? 'certificate.internshipHours' : 'certificate.hours')}</dt>
        <dd>{c.hours.toLocaleString(locale === 'kk' ? 'kk-KZ' : locale)}</dd>
        <dt>{t('certificate.colleges')}</dt>
        <dd>
          {c.institutions.map((i) => (
            <span className="block" key={pick(i.name)}>
              {pick(i.name)}
            </span>
          ))}
        </dd>
        <dt>{t('certificate.code')}</dt>
        <dd>{c.code}</dd>
      </dl>
      {c.valid && (
        <a className="button" href={c.pdfUrl}>
          {t('certificate.pdf')}
        </a>
      )}
    </div>
  );
}
