import { type TrackReferenceOrPlaceholder, useRoomContext } from '@livekit/components-react';
import { ConnectionState, type Room, RoomEvent, Track } from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import { arrangeTiles } from './arrange-tiles.ts';
import { receiveChanges, receiveKey } from './receive-plan.ts';

/** Tiles on one page of the grid: four across and three down on a laptop (1280×800) fit without scrolling. */
export const GRID_PAGE_SIZE = 12;

/** How often the receive plan is re-applied besides the room's events. */
const RECEIVE_SWEEP_MS = 2000;

export const tileKey = (tr: TrackReferenceOrPlaceholder) => receiveKey(tr.participant.identity, tr.source);

export type TGridPaging = {
  /** The tiles of the page shown, in order. */
  tiles: TrackReferenceOrPlaceholder[];
  page: number;
  pageCount: number;
  setPage: (page: number) => void;
};

type TWanted = { shown: ReadonlySet<string>; audioOnly: boolean };

/** Subscribes to what is wanted and unsubscribes from the rest (see receive-plan.ts). */
function receive(room: Room, { shown, audioOnly }: TWanted) {
  for (const { pub, subscribe } of receiveChanges(room.remoteParticipants.values(), shown, audioOnly)) {
    pub.setSubscribed(subscribe);
  }
}

/**
 * Pages a class-sized grid and receives only what is shown: the cameras on the current page (and
 * `alsoShown`, such as the speaker view's focus) are subscribed, every other camera is not, so a
 * viewer's downlink and decoding stay those of one page (with adaptive stream sizing each to its
 * tile, and dynacast pausing layers nobody watches) however many are in the room. Audio-only
 * receives no video at all. The room must connect with `autoSubscribe: false` (LESSON_CONNECT):
 * this hook asks for every track the page receives, sounds included. Shared screens (and any `pinned` tile) are on every page; people who
 * speak are brought to the first page (see `arrangeTiles`).
 */
export function useGridPaging({
  tracks,
  speaking,
  audioOnly,
  pinned = (tr) => tr.source === Track.Source.ScreenShare,
  alsoShown = [],
  pageSize = GRID_PAGE_SIZE,
}: {
  tracks: TrackReferenceOrPlaceholder[];
  /** Identities of the people speaking now, loudest first (LiveKit's active speakers). */
  speaking: readonly string[];
  audioOnly: boolean;
  pinned?: (tr: TrackReferenceOrPlaceholder) => boolean;
  alsoShown?: readonly (TrackReferenceOrPlaceholder | undefined)[];
  pageSize?: number;
}): TGridPaging {
  const room = useRoomContext();
  const [page, setPage] = useState(0);
  const order = useRef<string[]>([]);
  const keys = tracks.map(tileKey);
  const pinnedKeys = new Set(tracks.filter(pinned).map(tileKey));
  const local = tracks.find((tr) => tr.participant.isLocal && tr.source === Track.Source.Camera);
  const arrangement = arrangeTiles({
    keys,
    pinned: pinnedKeys,
    local: local ? tileKey(local) : undefined,
    previous: order.current,
    speaking: speaking.map((id) => `${id}-${Track.Source.Camera}`),
    pageSize,
  });
  order.current = arrangement.order;
  const pageCount = arrangement.pages.length;
  const current = Math.min(page, pageCount - 1);
  const byKey = new Map(tracks.map((tr) => [tileKey(tr), tr]));
  const tiles = arrangement.pages[current]!.map((k) => byKey.get(k)).filter((tr) => tr !== undefined);

  // What is received: the shown tiles' videos (and every sound). A string, so the effect runs
  // when the set changes.
  const shown = [...new Set([...tiles, ...alsoShown].filter((tr) => tr !== undefined).map(tileKey))]
    .sort()
    .join('\n');
  // What the room's events reconcile against: the set last rendered.
  const wanted = useRef<TWanted>({ shown: new Set(), audioOnly });
  useEffect(() => {
    wanted.current = { shown: new Set(shown.split('\n').filter(Boolean)), audioOnly };
    receive(room, wanted.current);
  }, [room, shown, audioOnly]);
  useEffect(() => {
    // A publication that arrives before the grid re-renders is left as the plan says (a sound is
    // received, a video waits for its tile, which the re-render brings). livekit-client drops the
    // events of the first connection's participants and delays those of a full reconnect, so
    // the connection's state changes reconcile everything too.
    const onEvent = () => receive(room, wanted.current);
    const onState = (state: ConnectionState) => {
      if (state === ConnectionState.Connected) onEvent();
    };
    room
      .on(RoomEvent.TrackPublished, onEvent)
      .on(RoomEvent.ParticipantConnected, onEvent)
      .on(RoomEvent.Reconnected, onEvent)
      .on(RoomEvent.ConnectionStateChanged, onState);
    // And every two seconds, whatever the events said: a publication whose event livekit-client
    // dropped (it drops them while it is not connected, as when the page changes rooms with
    // everyone else moving at once) is received within two seconds instead of never. Cheap: a
    // walk over the room's publications that changes nothing when all is in line.
    const sweep = setInterval(() => {
      if (room.state === ConnectionState.Connected) onEvent();
    }, RECEIVE_SWEEP_MS);
    return () => {
      clearInterval(sweep);
      room
        .off(RoomEvent.TrackPublished, onEvent)
        .off(RoomEvent.ParticipantConnected, onEvent)
        .off(RoomEvent.Reconnected, onEvent)
        .off(RoomEvent.ConnectionStateChanged, onState);
    };
  }, [room]);

  return { tiles, page: current, pageCount, setPage };
}
