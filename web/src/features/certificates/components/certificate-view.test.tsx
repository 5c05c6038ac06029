import type { TCertificate } from '@telemost/core/schemas/certificate';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render.tsx';
import { CertificateView } from './certificate-view.tsx';

const CERT: TCertificate = {
  code: 'ABCDEFGHJKMNPQRS',
  valid: true,
  revokedAt: null,
  basis: 'attendance',
  result: null,
  holder: { name: 'Айгерім Сәрсенова' },
  event: {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Сварка: основы',
    kind: 'joint_lesson',
    start: '2027-02-10T07:00:00.000Z',
    end: '2027-02-10T08:30:00.000Z',
  },
  institutions: [
    {
      name: { ru: 'Колледж № 26', kk: '№ 26 колледж', en: 'College No. 26' },
      city: { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' },
      timeZone: 'Europe/Moscow',
    },
    {
      name: { ru: 'Строительный колледж', kk: 'Құрылыс колледжі', en: 'Construction College' },
      city: { ru: 'Караганда', kk: 'Қарағанды', en: 'Karaganda' },
      timeZone: 'Asia/Almaty',
    },
  ],
  hours: 1.2,
  issuedAt: '2027-02-10T09:00:00.000Z',
  verifyUrl: 'https://telemost.example/api/certificates/ABCDEFGHJKMNPQRS',
  pdfUrl: 'https://telemost.example/api/certificates/ABCDEFGHJKMNPQRS/pdf',
};

describe('CertificateView', () => {
  it('when the certificate is valid, then it says so, names the holder and offers the PDF', () => {
    renderWithApp(<CertificateView certificate={CERT} viewerZone="Europe/Moscow" />);
    expect(screen.getByTestId('certificate-status').textContent).toBe('Сертификат действителен');
    expect(screen.getByTestId('certificate-holder').textContent).toBe('Айгерім Сәрсенова');
    expect(screen.getByText('Скачать PDF').getAttribute('href')).toBe(CERT.pdfUrl);
    expect(screen.getByText('Строительный колледж')).toBeTruthy();
    expect(screen.getByTestId('certificate-when').textContent).toMatch(
      /10:00–11:30 Москва · 12:00–13:30 Караганда$/,
    );
  });

  it('when it was revoked, then it says so in the reader’s language and offers no PDF', () => {
    renderWithApp(
      <CertificateView
        certificate={{ ...CERT, valid: false, revokedAt: '2027-03-01T10:00:00.000Z' }}
        viewerZone="Asia/Almaty"
      />,
      { locale: 'kk' },
    );
    expect(screen.getByTestId('certificate-status').textContent).toMatch(/^Сертификат .* кері қайтарылды$/);
    expect(screen.queryByText('PDF жүктеу')).toBeNull();
    expect(screen.getByText('Құрылыс колледжі')).toBeTruthy();
  });
});

describe('CertificateView of an olympiad result', () => {
  it('when the certificate is for a medal, then the medal, place and points are shown', () => {
    renderWithApp(
      <CertificateView
        certificate={{
          ...CERT,
          basis: 'olympiad',
          event: { ...CERT.event, kind: 'olympiad' },
          result: { medal: 'silver', rank: 1, score: 25, maxScore: 30 },
        }}
        viewerZone="Europe/Moscow"
      />,
    );
    expect(screen.getByTestId('certificate-result').textContent).toBe('Серебро · 1 место · 25 из 30 баллов');
  });

  it('when the certificate is for an internship, then its hours are the confirmed ones', () => {
    renderWithApp(
      <CertificateView certificate={{ ...CERT, basis: 'internship', hours: 7.5 }} viewerZone="Asia/Almaty" />,
      { locale: 'kk' },
    );
    expect(screen.getByText('Расталған тағылымдама сағаттары')).toBeTruthy();
  });
});
