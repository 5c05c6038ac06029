import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { eventClocks, formatClocks } from '@telemost/core/presentation/clocks';
import { kindLabel } from '@telemost/core/presentation/kinds';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { hoursOf, type TCertificateRecord } from './certificates.repository.ts';

type TLang = 'ru' | 'kk' | 'en';

const require = createRequire(import.meta.url);
// DejaVu Sans covers Cyrillic with every Kazakh letter (ә ғ қ ң ө ұ ү һ і); read once, on first use.
let fonts: { regular: Uint8Array; bold: Uint8Array } | null = null;
function fontBytes() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

type TWords = {
  title: string;
  tookPart: string;
  interned: string;
  competed: string;
  hours: string;
  internshipHours: string;
  place: string;
  points: string;
  gold: string;
  silver: string;
  bronze: string;
  colleges: string;
  verify: string;
  issued: string;
};

const TEXT: Record<TLang, TWords> = {
  ru: {
    title: 'СЕРТИФИКАТ УЧАСТНИКА',
    tookPart: 'принял(а) участие в мероприятии',
    interned: 'прошёл(а) стажировку',
    competed: 'участвовал(а) в олимпиаде',
    hours: 'Часов участия',
    internshipHours: 'Подтверждённых часов стажировки',
    place: 'место',
    points: 'баллов из',
    gold: 'Золотая медаль',
    silver: 'Серебряная медаль',
    bronze: 'Бронзовая медаль',
    colleges: 'Колледжи-партнёры',
    verify: 'Проверка подлинности',
    issued: 'Выдан',
  },
  kk: {
    title: 'ҚАТЫСУШЫ СЕРТИФИКАТЫ',
    tookPart: 'іс-шараға қатысты',
    interned: 'тағылымдамадан өтті',
    competed: 'олимпиадаға қатысты',
    hours: 'Қатысу сағаты',
    internshipHours: 'Расталған тағылымдама сағаттары',
    place: 'орын',
    points: 'ұпай, барлығы',
    gold: 'Алтын медаль',
    silver: 'Күміс медаль',
    bronze: 'Қола медаль',
    colleges: 'Серіктес колледждер',
    verify: 'Түпнұсқалығын тексеру',
    issued: 'Берілген күні',
  },
  en: {
    title: 'CERTIFICATE OF PARTICIPATION',
    tookPart: 'took part in',
    interned: 'completed the internship',
    competed: 'competed in the olympiad',
    hours: 'Hours of participation',
    internshipHours: 'Confirmed internship hours',
    place: 'place',
    points: 'points of',
    gold: 'Gold medal',
    silver: 'Silver medal',
    bronze: 'Bronze medal',
    colleges: 'Partner colleges',
    verify: 'Verify',
    issued: 'Issued',
  },
};

const INK = rgb(0.12, 0.16, 0.22);
const MUTED = rgb(0.35, 0.4, 0.47);
const ACCENT = rgb(0.05, 0.33, 0.6);

/** The second language beside Russian: the holder's own, Kazakh for a Russian speaker. */
export function secondLanguage(locale: string): TLang {
  return locale === 'en' ? 'en' : 'kk';
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function centered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = INK) {
  const { width } = page.getSize();
  for (const [i, line] of wrap(text, font, size, width - 120).entries()) {
    page.drawText(line, {
      x: (width - font.widthOfTextAtSize(line, size)) / 2,
      y: y - i * size * 1.25,
      size,
      font,
      color,
    });
  }
  return y - wrap(text, font, size, width - 120).length * size * 1.25;
}

function localDate(at: Date | string, timeZone: string, lang: TLang): string {
  return new Intl.DateTimeFormat(lang === 'kk' ? 'kk-KZ' : lang === 'en' ? 'en-GB' : 'ru-RU', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(at));
}

/**
 * The certificate as an A4 landscape PDF, in Russian and the holder's second language: the
 * holder, the event (kind, title, date, its start on both colleges' clocks), the hours attended,
 * both colleges' names, and a QR code with the verification link.
 */
export async function renderCertificatePdf(c: TCertificateRecord, verifyUrl: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`${TEXT.ru.title}: ${c.holderName}`);
  pdf.setAuthor('Telemost');
  pdf.setSubject(c.event.title);
  pdf.setCreationDate(new Date(c.issuedAt));
  const { regular: regularBytes, bold: boldBytes } = fontBytes();
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const page = pdf.addPage([842, 595]);
  const { width, height } = page.getSize();
  const second = secondLanguage(c.locale);
  const both = (key: keyof TWords) => `${TEXT.ru[key]} / ${TEXT[second][key]}`;

  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: height - 48,
    borderColor: ACCENT,
    borderWidth: 2,
  });
  let y = height - 80;
  y = centered(page, TEXT.ru.title, y, bold, 28, ACCENT);
  y = centered(page, TEXT[second].title, y - 2, bold, 16, ACCENT);
  y = centered(page, c.holderName, y - 28, bold, 26);
  const what = c.basis === 'internship' ? 'interned' : c.basis === 'olympiad' ? 'competed' : 'tookPart';
  y = centered(page, both(what), y - 10, regular, 13, MUTED);
  const kinds = `${kindLabel(c.event.kind, 'ru')} / ${kindLabel(c.event.kind, second)}`;
  y = centered(page, `${kinds}: «${c.event.title}»`, y - 10, bold, 17);
  const sides = c.institutions.map((i) => ({ timeZone: i.timeZone, city: i.city }));
  const clocks = formatClocks(
    c.event.startAt,
    eventClocks(sides, c.event.startAt, { locale: 'ru', timeZone: c.holderTimeZone }),
  );
  y = centered(page, `${localDate(c.event.startAt, c.holderTimeZone, 'ru')}, ${clocks}`, y - 6, regular, 13);
  if (c.result) {
    const r = c.result;
    const line = (lang: TLang) =>
      `${r.medal ? `${TEXT[lang][r.medal]} · ` : ''}${r.rank} ${TEXT[lang].place} · ${r.score.toLocaleString('ru-RU')} ${TEXT[lang].points} ${r.maxScore.toLocaleString('ru-RU')}`;
    y = centered(page, line('ru'), y - 10, bold, 15, r.medal ? ACCENT : INK);
    y = centered(page, line(second), y - 2, regular, 12, MUTED);
  }
  const hoursKey = c.basis === 'internship' ? 'internshipHours' : 'hours';
  y = centered(page, `${both(hoursKey)}: ${hoursOf(c.seconds).toLocaleString('ru-RU')}`, y - 8, regular, 13);

  y -= 16;
  page.drawText(both('colleges'), { x: 60, y, size: 11, font: bold, color: MUTED });
  for (const i of c.institutions) {
    y -= 16;
    for (const line of wrap(`${i.name.ru} / ${i.name[second]}`, regular, 10.5, width - 260)) {
      page.drawText(line, { x: 60, y, size: 10.5, font: regular, color: INK });
      y -= 13;
    }
  }

  const qr = await pdf.embedPng(
    await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' }),
  );
  const qrSize = 110;
  page.drawImage(qr, { x: width - 60 - qrSize, y: 60, width: qrSize, height: qrSize });
  page.drawText(both('verify'), { x: 60, y: 84, size: 10, font: bold, color: MUTED });
  page.drawText(verifyUrl, { x: 60, y: 70, size: 9, font: regular, color: ACCENT });
  page.drawText(`${both('issued')}: ${localDate(c.issuedAt, c.holderTimeZone, 'ru')} · № ${c.code}`, {
    x: 60,
    y: 56,
    size: 9,
    font: regular,
    color: MUTED,
  });
  return pdf.save();
}
