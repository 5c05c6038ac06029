import { SignalResponse } from '@livekit/protocol';

/**
 * Opens LiveKit's signalling WebSocket on one node with a join token and waits for the `join`
 * answer: the participant has reached the room, and `serverInfo.nodeId` names the node hosting it
 * (which is not the node signalled to when the room lives on another node of the cluster).
 */
export async function joinVia(nodeWsUrl: string, token: string): Promise<{ room: string; nodeId: string }> {
  const ws = new WebSocket(
    `${nodeWsUrl}/rtc?access_token=${encodeURIComponent(token)}&protocol=15&auto_subscribe=1&sdk=js&version=2.23.0`,
  );
  ws.binaryType = 'arraybuffer';
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no join answer from ${nodeWsUrl}`)), 10_000);
      ws.onerror = () => reject(new Error(`signal connection to ${nodeWsUrl} failed`));
      ws.onmessage = (m) => {
        if (typeof m.data === 'string') return;
        const res = SignalResponse.fromBinary(new Uint8Array(m.data as ArrayBuffer));
        if (res.message.case === 'join') {
          clearTimeout(timer);
          resolve({
            room: res.message.value.room?.name ?? '',
            nodeId: res.message.value.serverInfo?.nodeId ?? '',
          });
        }
      };
    });
  } finally {
    ws.close();
  }
}
