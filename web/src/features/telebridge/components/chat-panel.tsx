import type { useChat } from '@livekit/components-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';

/** The room's chat state; kept by the room (not the panel) so nothing is missed while the panel is closed. */
export type TChat = ReturnType<typeof useChat>;

/** The lesson's text chat, for questions and links; new messages are announced politely. */
export function ChatPanel({ chat, onClose }: { chat: TChat; onClose: () => void }) {
  const { t } = useI18n();
  const { chatMessages, send, isSending } = chat;
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on each new message.
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [chatMessages.length]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    await send(message);
    setText('');
  };

  return (
    <aside className="chat" aria-label={t('live.chat')}>
      <div className="chat-head">
        <h2>{t('live.chat')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <ol className="chat-list" ref={list} aria-live="polite">
        {chatMessages.length === 0 && <li className="muted">{t('live.chatEmpty')}</li>}
        {chatMessages.map((m) => (
          <li key={m.id ?? m.timestamp}>
            <strong>{m.from?.name || m.from?.identity}</strong>{' '}
            <time className="muted" dateTime={new Date(m.timestamp).toISOString()}>
              {new Date(m.timestamp).toTimeString().slice(0, 5)}
            </time>
            <p>{m.message}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="chat-form">
        <label htmlFor="chat-input" className="visually-hidden">
          {t('live.chatMessage')}
        </label>
        <input
          id="chat-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={1000}
          autoComplete="off"
        />
        <button type="submit" className="button primary" disabled={isSending || !text.trim()}>
          {t('live.send')}
        </button>
      </form>
    </aside>
  );
}
