import { serveLiveKitClientPage } from './livekit-client-page.ts';

/**
 * The floor for this stack: a bare livekit-client page with no app around it, following LiveKit's
 * own advice (prepare the connection on load). "Join" connects, publishes camera and microphone,
 * and notes when the first remote video frame is decoded.
 * It measures exactly what the Telemost lesson page is measured on.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LiveKit baseline</title></head>
<body><main><button id="join" type="button" disabled>Join</button><div id="videos"></div></main>
<script src="/livekit-client.umd.js"></script>
<script>
const params = new URLSearchParams(location.search);
async function join() {
  const { Room, RoomEvent } = LivekitClient;
  const room = new Room({ adaptiveStream: true, dynacast: true });
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== 'video') return;
    const el = track.attach();
    el.muted = true;
    el.setAttribute('data-testid', 'remote-video');
    document.getElementById('videos').append(el);
  });
  window.room = room;
  await room.connect(params.get('url'), params.get('token'));
  await room.localParticipant.enableCameraAndMicrophone();
}
// As LiveKit recommends for any page that will connect: warm the connection to the server on
// load. Join is ready once that is done, as Telemost's Join button is.
const joinButton = document.getElementById('join');
new LivekitClient.Room()
  .prepareConnection(params.get('url'), params.get('token'))
  .finally(() => { joinButton.disabled = false; });
joinButton.addEventListener('click', () => { join().catch((e) => { window.joinError = String(e); }); });
if (params.get('autojoin')) join().catch((e) => { window.joinError = String(e); });
</script></body></html>`;

export async function serveBaselinePage(): Promise<{ url: string; close: () => Promise<void> }> {
  return serveLiveKitClientPage(PAGE);
}
