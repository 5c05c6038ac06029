import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TCertificate } from '@telemost/core/schemas/certificate';

const html = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const MEDALS = {
  gold: 'Золотая медаль · Алтын медаль',
  silver: 'Серебряная медаль · Күміс медаль',
  bronze: 'Бронзовая медаль · Қола медаль',
};

/** The verification page a person sees when the QR code opens in a browser (Russian and Kazakh). */
export function renderCertificatePage(c: TCertificate): string {
  const status = c.valid
    ? '<p class="ok">Сертификат действителен · Сертификат жарамды · Valid</p>'
    : `<p class="bad">Сертификат отозван · Сертификат кері қайтарылды · Revoked (${html(c.revokedAt ?? '')})</p>`;
  const medal = c.result?.medal ? `${MEDALS[c.result.medal]} · ` : '';
  const result = c.result
    ? `<dt>Результат · Нәтиже</dt><dd data-medal="${c.result.medal ?? ''}">${medal}${c.result.rank} место · орын · ${c.result.score} / ${c.result.maxScore}</dd>`
    : '';
  // The start on each college's clock: "10 февраля 2027 г., 10:00 Москва · 12:00 Караганда".
  const seen = new Set<string>();
  const clocks = c.institutions
    .filter((i) => !seen.has(i.timeZone) && seen.add(i.timeZone))
    .map(
      (i) =>
        `${new Intl.DateTimeFormat('ru-RU', { timeZone: i.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(c.event.start))} ${i.city.ru}`,
    );
  const day = new Intl.DateTimeFormat('ru-RU', {
    timeZone: c.institutions[0]?.timeZone ?? 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(c.event.start));
  const when = `${day}, ${clocks.join(' · ')}`;
  const colleges = c.institutions.map((i) => `<li>${html(i.name.ru)} / ${html(i.name.kk)}</li>`).join('');
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Сертификат ${html(c.code)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
.ok{color:#166534;font-weight:600}.bad{color:#b91c1c;font-weight:600}dt{color:#6b7280}dd{margin:0 0 .5rem}</style>
</head><body>
<h1>Сертификат участника · Қатысушы сертификаты</h1>
${status}
<dl>
<dt>Участник · Қатысушы</dt><dd>${html(c.holder.name)}</dd>
<dt>Мероприятие · Іс-шара</dt><dd>${html(kindLabel(c.event.kind, 'ru'))}: «${html(c.event.title)}»</dd>
<dt>Дата · Күні</dt><dd><time datetime="${html(c.event.start)}">${html(when)}</time></dd>
${result}<dt>${c.basis === 'internship' ? 'Подтверждённых часов стажировки · Расталған тағылымдама сағаттары' : 'Часов участия · Қатысу сағаты'}</dt><dd>${c.hours}</dd>
<dt>Колледжи · Колледждер</dt><dd><ul>${colleges}</ul></dd>
<dt>№</dt><dd>${html(c.code)}</dd>
</dl>
<p><a href="${html(c.pdfUrl)}">PDF</a></p>
</body></html>`;
}
