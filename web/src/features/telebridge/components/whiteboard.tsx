import {
  CaptureUpdateAction,
  Excalidraw,
  exportToBlob,
  getNonDeletedElements,
  loadFromBlob,
  reconcileElements,
} from '@excalidraw/excalidraw';
import type { RemoteExcalidrawElement } from '@excalidraw/excalidraw/data/reconcile';
import type { ExcalidrawElement, OrderedExcalidrawElement } from '@excalidraw/excalidraw/element/types';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import '@excalidraw/excalidraw/index.css';
import './excalidraw-assets.ts';
import { useRoomContext } from '@livekit/components-react';
import { ZParticipantMetadataSchema } from '@telemost/core/schemas/live';
import {
  type TWhiteboardMessage,
  WHITEBOARD_TOPIC,
  ZWhiteboardLocksSchema,
  ZWhiteboardMessageSchema,
} from '@telemost/core/schemas/whiteboard';
import { RoomEvent } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { clearBoard, getBoardImage, lockBoard, putBoardImage } from '../api/classroom-tools-api.ts';
import { setBoardFlush } from '../hooks/board-flush.ts';

/** How long after the last change the board's snapshot is kept with the api. */
const SNAPSHOT_AFTER_MS = 1500;
const SEND_EVERY_MS = 100;
// Excalidraw's Kazakh translation covers 18 % of its tools (Russian: 92 %): a Kazakh page shows
// the board's tools in Russian, the lesson's other language, rather than mostly in English.
const LANG: Record<string, string> = { ru: 'ru-RU', kk: 'ru-RU', en: 'en' };

function isLocked(metadata: string | undefined, board: number): boolean {
  try {
    const locks = ZWhiteboardLocksSchema.safeParse(JSON.parse(metadata ?? '{}').whiteboardLocks ?? {});
    return locks.success && locks.data[String(board)] === true;
  } catch {
    return false;
  }
}

/**
 * The lesson's (or a team's) shared board: Excalidraw, synced over the room's LiveKit text
 * streams (reliable, ordered, any size). A change sends the elements whose version moved; a
 * receiver reconciles them (Excalidraw's own rule: the higher version wins). A late joiner loads
 * the api's snapshot and asks the room for the rest (`sync`). A host locks the board through the
 * api, which puts the lock in the room metadata: then everyone else views only, and every client
 * ignores changes from anyone but a host (the sender's identity and metadata come from LiveKit,
 * not from the message). The snapshot kept with the api is saved to the materials at the end.
 */
export default function Whiteboard({
  eventId,
  board,
  isHost,
  canDraw,
}: {
  eventId: string;
  /** 0: the main room's; n: team n's. */
  board: number;
  isHost: boolean;
  /** Listeners only watch. */
  canDraw: boolean;
}) {
  const { t, locale } = useI18n();
  const room = useRoomContext();
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const [locked, setLocked] = useState(() => isLocked(room.metadata, board));
  const [count, setCount] = useState(0);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  // Versions already sent or received, so an applied remote change is not sent back.
  const known = useRef(new Map<string, number>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const outbox = useRef(new Map<string, ExcalidrawElement>());
  const outboxTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mayWrite = canDraw && (isHost || !locked);
  const mayWriteRef = useRef(mayWrite);
  mayWriteRef.current = mayWrite;
  const lockedRef = useRef(locked);
  lockedRef.current = locked;

  // Excalidraw 0.18 leaves its menu button without a name and its zoom button's name without its
  // visible text ("100%"): named here so screen readers (and voice control) can use them.
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = canvasRef.current;
    if (!root) return;
    const name = () => {
      const menu = root.querySelector('.main-menu-trigger');
      if (menu && !menu.getAttribute('aria-label')) menu.setAttribute('aria-label', t('board.menu'));
      const zoom = root.querySelector('.reset-zoom-button');
      const text = zoom?.textContent?.trim();
      if (zoom && text && zoom.getAttribute('aria-label') !== text) zoom.setAttribute('aria-label', text);
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [t]);

  useEffect(() => {
    const onMeta = (metadata: string) => setLocked(isLocked(metadata, board));
    room.on(RoomEvent.RoomMetadataChanged, onMeta);
    return () => {
      room.off(RoomEvent.RoomMetadataChanged, onMeta);
    };
  }, [room, board]);

  const send = useCallback(
    async (message: TWhiteboardMessage, to?: string[]) => {
      await room.localParticipant.sendText(JSON.stringify(message), {
        topic: WHITEBOARD_TOPIC,
        ...(to ? { destinationIdentities: to } : {}),
      });
    },
    [room],
  );

  const snapshot = useCallback(async () => {
    if (!api || !dirty.current || !mayWriteRef.current) return;
    dirty.current = false;
    const elements = getNonDeletedElements(api.getSceneElements());
    if (elements.length === 0) return;
    const png = await exportToBlob({
      elements,
      appState: { ...api.getAppState(), exportEmbedScene: true, exportBackground: true },
      files: api.getFiles(),
      mimeType: 'image/png',
      exportPadding: 16,
    });
    try {
      await putBoardImage(eventId, board, png);
    } catch (err) {
      // Refused (locked meanwhile) or lost: the next change, or closing the board, tries again.
      dirty.current = true;
      throw err;
    }
  }, [api, eventId, board]);

  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  useEffect(() => {
    const flush = async () => {
      clearTimeout(timer.current);
      await snapshot();
    };
    setBoardFlush(flush);
    return () => {
      setBoardFlush(null);
      void flush().catch(() => {});
    };
  }, [snapshot]);

  const apply = useCallback(
    (remote: readonly ExcalidrawElement[]) => {
      if (!api) return;
      const merged = reconcileElements(
        api.getSceneElementsIncludingDeleted() as readonly OrderedExcalidrawElement[],
        remote as unknown as readonly RemoteExcalidrawElement[],
        api.getAppState(),
      );
      for (const el of merged) known.current.set(el.id, el.version);
      api.updateScene({ elements: merged, captureUpdate: CaptureUpdateAction.NEVER });
      setCount(getNonDeletedElements(merged).length);
      // A host's page also keeps others' strokes with the api (a few hosts, not every student),
      // so the saved board has them even when their author could not write it.
      if (isHost) {
        dirty.current = true;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void snapshotRef.current().catch(() => {}), SNAPSHOT_AFTER_MS);
      }
    },
    [api, isHost],
  );

  // Live messages from the room.
  useEffect(() => {
    if (!api) return;
    room.registerTextStreamHandler(WHITEBOARD_TOPIC, async (reader, from) => {
      const parsed = ZWhiteboardMessageSchema.safeParse(JSON.parse(await reader.readAll()));
      if (!parsed.success) return;
      const sender = room.remoteParticipants.get(from.identity);
      const meta = ZParticipantMetadataSchema.safeParse(JSON.parse(sender?.metadata || '{}'));
      const senderIsHost = meta.success && meta.data.access === 'host';
      const message = parsed.data;
      if (message.t === 'sync') {
        const all = api.getSceneElementsIncludingDeleted();
        if (all.length > 0) void send({ t: 'elements', elements: [...all] as never }, [from.identity]);
      } else if (message.t === 'clear') {
        if (!senderIsHost) return;
        known.current.clear();
        api.updateScene({ elements: [], captureUpdate: CaptureUpdateAction.NEVER });
        setCount(0);
      } else if (!lockedRef.current || senderIsHost) {
        apply(message.elements as unknown as ExcalidrawElement[]);
      }
    });
    return () => room.unregisterTextStreamHandler(WHITEBOARD_TOPIC);
  }, [api, room, apply, send]);

  // A late joiner: the api's snapshot first, then whatever the room has beyond it.
  useEffect(() => {
    if (!api) return;
    let cancelled = false;
    (async () => {
      try {
        const image = await getBoardImage(eventId, board);
        if (image && !cancelled) {
          const scene = await loadFromBlob(image, null, null);
          apply(scene.elements);
        }
      } catch {
        // No snapshot to load: the room's answer to `sync` fills the board.
      }
      if (!cancelled) {
        setReady(true);
        await send({ t: 'sync' }).catch(() => {});
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, eventId, board, apply, send]);

  const onChange = useCallback(
    (elements: readonly ExcalidrawElement[]) => {
      setCount(getNonDeletedElements(elements).length);
      if (!mayWriteRef.current) return;
      const changed = elements.filter((el) => (known.current.get(el.id) ?? -1) < el.version);
      if (changed.length === 0) return;
      for (const el of changed) {
        known.current.set(el.id, el.version);
        outbox.current.set(el.id, el);
      }
      // A stroke changes on every pointer move: the room hears it ten times a second at most.
      outboxTimer.current ??= setTimeout(() => {
        outboxTimer.current = undefined;
        const batch = [...outbox.current.values()];
        outbox.current.clear();
        void send({ t: 'elements', elements: batch as never }).catch(() => setFailed(true));
      }, SEND_EVERY_MS);
      dirty.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void snapshot().catch(() => {}), SNAPSHOT_AFTER_MS);
    },
    [send, snapshot],
  );

  const toggleLock = async () => {
    setFailed(false);
    try {
      const state = await lockBoard(eventId, board, !locked);
      setLocked(state.locked);
    } catch {
      setFailed(true);
    }
  };
  const clear = async () => {
    setFailed(false);
    try {
      await clearBoard(eventId, board);
      await send({ t: 'clear' });
      known.current.clear();
      api?.updateScene({ elements: [], captureUpdate: CaptureUpdateAction.IMMEDIATELY });
      setCount(0);
    } catch {
      setFailed(true);
    }
  };

  return (
    <section
      className="whiteboard"
      aria-label={board === 0 ? t('board.title') : t('board.titleTeam', { n: board })}
      data-testid="whiteboard"
      data-elements={count}
      data-ready={ready ? '1' : '0'}
      data-locked={locked ? '1' : '0'}
    >
      <div className="whiteboard-bar">
        <strong>{board === 0 ? t('board.title') : t('board.titleTeam', { n: board })}</strong>
        {locked && !isHost && (
          <span role="status" data-testid="board-locked">
            {t('board.locked')}
          </span>
        )}
        <span className="whiteboard-hint">{t('board.savedAtEnd')}</span>
        {isHost && (
          <>
            <button
              type="button"
              className="button small secondary"
              aria-pressed={locked}
              onClick={() => void toggleLock()}
              data-testid="board-lock"
            >
              {locked ? t('board.unlock') : t('board.lock')}
            </button>
            <button
              type="button"
              className="button small secondary"
              onClick={() => void clear()}
              data-testid="board-clear"
            >
              {t('board.clear')}
            </button>
          </>
        )}
        {failed && (
          <span className="form-error" role="alert">
            {t('board.error')}
          </span>
        )}
      </div>
      <div className="whiteboard-canvas" ref={canvasRef}>
        <Excalidraw
          excalidrawAPI={setApi}
          onChange={onChange}
          viewModeEnabled={!mayWrite}
          langCode={LANG[locale] ?? 'en'}
          UIOptions={{ canvasActions: { loadScene: false, saveToActiveFile: false, export: false } }}
        />
      </div>
    </section>
  );
}
