import type { LocalUserChoices } from '@livekit/components-react';
import { useMediaDevices, usePreviewTracks } from '@livekit/components-react';
import { type LocalAudioTrack, type LocalVideoTrack, Track } from 'livekit-client';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';

type TProps = {
  choices: LocalUserChoices;
  onAudio: (on: boolean) => void;
  onVideo: (on: boolean) => void;
  onAudioDevice: (id: string) => void;
  onVideoDevice: (id: string) => void;
  onJoin: () => void;
};

/** Camera preview, microphone level and device choice before entering; the choice is remembered. */
export function PreJoin({ choices, onAudio, onVideo, onAudioDevice, onVideoDevice, onJoin }: TProps) {
  const { t } = useI18n();
  const [deviceError, setDeviceError] = useState<string | null>(null);
  const options = useMemo(
    () => ({
      audio: choices.audioEnabled ? { deviceId: choices.audioDeviceId || undefined } : false,
      video: choices.videoEnabled ? { deviceId: choices.videoDeviceId || undefined } : false,
    }),
    [choices.audioEnabled, choices.videoEnabled, choices.audioDeviceId, choices.videoDeviceId],
  );
  // A stable callback: usePreviewTracks restarts the camera whenever its onError changes.
  const onDeviceError = useCallback(() => setDeviceError(t('live.deviceError')), [t]);
  const tracks = usePreviewTracks(options, onDeviceError);
  const videoTrack = tracks?.find((tr) => tr.kind === Track.Kind.Video) as LocalVideoTrack | undefined;
  const audioTrack = tracks?.find((tr) => tr.kind === Track.Kind.Audio) as LocalAudioTrack | undefined;
  const level = useMicLevel(audioTrack?.mediaStreamTrack);
  const videoEl = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!videoTrack || !videoEl.current) return;
    videoTrack.attach(videoEl.current);
    return () => {
      videoTrack.detach();
    };
  }, [videoTrack]);

  return (
    <section className="card prejoin" aria-labelledby="prejoin-title">
      <h2 id="prejoin-title">{t('live.prejoin')}</h2>
      <div className="prejoin-grid">
        <div className="prejoin-preview">
          {choices.videoEnabled && videoTrack ? (
            <video
              ref={videoEl}
              muted
              playsInline
              autoPlay
              aria-label={t('live.preview')}
              data-testid="camera-preview"
            />
          ) : (
            <div className="preview-off">{t('live.cameraOff')}</div>
          )}
        </div>
        <div className="prejoin-controls">
          <label className="check">
            <input
              type="checkbox"
              checked={choices.videoEnabled}
              onChange={(e) => onVideo(e.target.checked)}
            />
            <span>{t('live.camera')}</span>
          </label>
          <DeviceSelect
            kind="videoinput"
            label={t('live.cameraDevice')}
            value={choices.videoDeviceId}
            onChange={onVideoDevice}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={choices.audioEnabled}
              onChange={(e) => onAudio(e.target.checked)}
            />
            <span>{t('live.microphone')}</span>
          </label>
          <DeviceSelect
            kind="audioinput"
            label={t('live.microphoneDevice')}
            value={choices.audioDeviceId}
            onChange={onAudioDevice}
          />
          {choices.audioEnabled && audioTrack && (
            <div className="mic-level">
              <label htmlFor="mic-level-meter">{t('live.micLevel')}</label>
              <meter
                id="mic-level-meter"
                min={0}
                max={1}
                low={0.05}
                high={0.8}
                optimum={0.4}
                value={level}
                data-testid="mic-level"
                data-level={level.toFixed(3)}
              />
            </div>
          )}
          {deviceError && (
            <p className="form-error" role="alert">
              {deviceError}
            </p>
          )}
          <button type="button" className="button primary big" onClick={onJoin} data-testid="prejoin-join">
            {t('join.button')}
          </button>
        </div>
      </div>
    </section>
  );
}

/**
 * A device list; choosing one saves it, and the preview restarts on that device (a live switch of
 * the preview track left Chromium showing a 2-pixel black frame).
 */
function DeviceSelect({
  kind,
  label,
  value,
  onChange,
}: {
  kind: MediaDeviceKind;
  label: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const devices = useMediaDevices({ kind });
  if (devices.length === 0) return null;
  const selected = devices.some((d) => d.deviceId === value) ? value : (devices[0]?.deviceId ?? '');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={selected} onChange={(e) => onChange(e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || t('live.deviceN', { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * How loud the microphone is, 0–1, from a Web Audio AnalyserNode on the preview track, read ten
 * times a second (enough for a person to see the bar move when they speak).
 */
function useMicLevel(track: MediaStreamTrack | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') return;
    const audio = new AudioContext();
    const source = audio.createMediaStreamSource(new MediaStream([track]));
    const analyser = audio.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      if (audio.state === 'suspended') void audio.resume().catch(() => {});
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      // RMS of speech sits around 0.05–0.3; scale so a normal voice fills half the bar.
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 3));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void audio.close().catch(() => {});
    };
  }, [track]);
  return level;
}
