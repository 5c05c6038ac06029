import { postWebhookBody, signWebhook, type TWebhookParticipant, webhookBody } from './livekit.ts';
import type { TestApp } from './test-app.ts';

/**
 * Posts a LiveKit webhook to a test app as LiveKit would, signed with the app's own LiveKit key
 * pair (no LiveKit server needed), and answers whatever the api answered (the caller checks it).
 */
export async function postWebhook(
  app: TestApp,
  event: string,
  options: { room: string; at: Date; participant?: TWebhookParticipant },
) {
  const body = webhookBody(event, {
    room: options.room,
    createdAt: options.at,
    participant: options.participant,
  });
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = app.ctx.env;
  return postWebhookBody(app.url, body, await signWebhook(body, LIVEKIT_API_KEY, LIVEKIT_API_SECRET));
}
