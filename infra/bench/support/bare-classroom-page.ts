import { serveLiveKitClientPage } from '../../e2e/livekit-client-page.ts';

/**
 * The floor for a class-sized room: a bare livekit-client page, with the room options the lesson
 * page uses (adaptive stream, dynacast), that subscribes to every microphone and to exactly the
 * cameras listed in `?tiles=` (identity and the size the lesson page showed them at), and shows
 * each in a plain <video> of that size. No app, no React, no tile captions: what the lesson page's
 * CPU and downlink are compared with.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LiveKit classroom baseline</title>
<style>body{margin:0;background:#0f172a}#videos{display:flex;flex-wrap:wrap;gap:8px}video{background:#1e293b;object-fit:cover}</style></head>
<body><main><div id="videos"></div></main>
<script src="/livekit-client.umd.js"></script>
<script>
const params = new URLSearchParams(location.search);
const tiles = JSON.parse(params.get('tiles') || '[]');
const sizeOf = new Map(tiles.map((t) => [t.identity, t]));
async function join() {
  const { Room, RoomEvent, Track } = LivekitClient;
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const wanted = (participant, pub) =>
    pub.source === Track.Source.Microphone ||
    (pub.source === Track.Source.Camera && sizeOf.has(participant.identity));
  const consider = (pub, participant) => { if (wanted(participant, pub)) pub.setSubscribed(true); };
  room.on(RoomEvent.TrackPublished, consider);
  room.on(RoomEvent.TrackSubscribed, (track, pub, participant) => {
    const el = track.attach();
    if (track.kind === 'video') {
      const size = sizeOf.get(participant.identity);
      el.muted = true;
      el.style.width = size.w + 'px';
      el.style.height = size.h + 'px';
      el.setAttribute('data-testid', 'remote-video');
      const tile = document.createElement('div');
      tile.setAttribute('data-identity', participant.identity);
      tile.append(el);
      document.getElementById('videos').append(tile);
    } else {
      document.body.append(el);
    }
  });
  window.room = room;
  await room.connect(params.get('url'), params.get('token'), { autoSubscribe: false });
  for (const p of room.remoteParticipants.values())
    for (const pub of p.trackPublications.values()) consider(pub, p);
}
join().catch((e) => { window.joinError = String(e); });
</script></body></html>`;

export async function serveBareClassroomPage(): Promise<{ url: string; close: () => Promise<void> }> {
  return serveLiveKitClientPage(PAGE);
}
