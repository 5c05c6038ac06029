import { useRemoteParticipants } from '@livekit/components-react';
import { cameraOwnerOf } from '@telemost/core/schemas/second-camera';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { pairSecondCamera } from '../api/classroom-tools-api.ts';

type TCode = { pairUrl: string; expiresAt: number; qr: string };

const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The QR code a phone scans to become this person's workshop camera: a one-time code lasting a
 * few minutes, a new one on request. Once the phone is in the room the panel says so.
 */
export function SecondCameraPanel({
  eventId,
  myIdentity,
  onClose,
}: {
  eventId: string;
  myIdentity: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState<TCode | null>(null);
  const [error, setError] = useState<'notAllowed' | 'failed' | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const remote = useRemoteParticipants();
  const phoneOn = remote.some((p) => cameraOwnerOf(p.identity) === myIdentity);

  const fresh = async () => {
    setError(null);
    try {
      const pair = await pairSecondCamera(eventId);
      const qr = await QRCode.toDataURL(pair.pairUrl, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
      setCode({ pairUrl: pair.pairUrl, expiresAt: new Date(pair.expiresAt).getTime(), qr });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? 'notAllowed' : 'failed');
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: one code when the panel opens.
  useEffect(() => {
    void fresh();
  }, [eventId]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = code ? code.expiresAt - now : 0;

  return (
    <section className="chat camera-panel" aria-labelledby="camera-title" data-testid="camera-panel">
      <div className="chat-head">
        <h2 id="camera-title">{t('camera.qrTitle')}</h2>
        <button type="button" className="button small secondary" onClick={onClose}>
          {t('live.close')}
        </button>
      </div>
      {phoneOn ? (
        <p role="status" className="camera-on" data-testid="camera-paired">
          {t('camera.phoneOn')}
        </p>
      ) : error === 'notAllowed' ? (
        <p className="form-error" role="alert" data-testid="camera-not-allowed">
          {t('camera.notAllowedYet')}
        </p>
      ) : error === 'failed' ? (
        <p className="form-error" role="alert">
          {t('board.error')}
        </p>
      ) : code ? (
        <div className="camera-code">
          <p>{t('camera.qrHelp')}</p>
          <img src={code.qr} alt={t('camera.qrAlt')} width={240} height={240} data-testid="camera-qr" />
          <a className="camera-link" href={code.pairUrl} data-testid="camera-link">
            {code.pairUrl}
          </a>
          <p role="status">
            {left > 0 ? t('camera.validFor', { time: mmss(left) }) : t('camera.codeExpired')}
          </p>
        </div>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
      {!phoneOn && error !== 'notAllowed' && (
        <button
          type="button"
          className="button secondary"
          onClick={() => void fresh()}
          data-testid="camera-new-code"
        >
          {t('camera.newCode')}
        </button>
      )}
    </section>
  );
}
