import express, { type Router } from 'express';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { problemResponse } from '../../lib/route.ts';
import { handleLiveKitWebhook } from '../attendance/handle-livekit-webhook.ts';

export const LIVEKIT_WEBHOOK_PATH = '/api/livekit/webhook';

/**
 * `POST /api/livekit/webhook`. LiveKit signs each webhook with a JWT whose `sha256` claim is the
 * hash of the exact bytes it sent, so this router reads the body raw (mounted before the JSON
 * parser, whatever the content type) and lets WebhookReceiver check both. Anything unsigned,
 * signed with another key, expired or altered gets a 401.
 */
export function liveKitWebhookRouter(ctx: AppContext): Router {
  const receiver = new WebhookReceiver(ctx.env.LIVEKIT_API_KEY, ctx.env.LIVEKIT_API_SECRET);
  const router = express.Router();
  router.post(LIVEKIT_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let webhook: Awaited<ReturnType<WebhookReceiver['receive']>>;
    try {
      webhook = await receiver.receive(body, req.get('authorization') ?? undefined);
    } catch (err) {
      // WebhookReceiver checks the signature before it parses: a parse error means a signed body
      // that is not a webhook, anything else a signature that does not hold.
      const message = (err as Error).message ?? '';
      if (err instanceof SyntaxError || message.startsWith('cannot decode')) {
        throw new AppError('bad_request', 'The webhook body is not a LiveKit webhook event');
      }
      throw new AppError('invalid_signature', 'The webhook signature is missing or does not match');
    }
    const outcome = await handleLiveKitWebhook(ctx, webhook);
    req.log?.debug({ outcome }, 'livekit webhook');
    res.status(200).json(outcome);
  });
  return router;
}

/** The OpenAPI operation of {@link liveKitWebhookRouter} (mounted before the JSON parser, outside the route table). */
export const LIVEKIT_WEBHOOK_OPENAPI_PATHS = {
  [LIVEKIT_WEBHOOK_PATH]: {
    post: {
      operationId: 'postLivekitWebhook',
      summary:
        'LiveKit webhooks (participant joined or left, room started or finished), signed by LiveKit with the api key pair',
      tags: ['video'],
      // Authenticated by LiveKit's signature in the Authorization header, not by a session.
      security: [],
      parameters: [
        {
          name: 'Authorization',
          in: 'header',
          required: true,
          description: 'LiveKit’s JWT; its `sha256` claim is the hash of the raw body',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/webhook+json': { schema: { type: 'object' } } },
      },
      responses: {
        200: {
          description: 'Received; what it changed',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['handled', 'event'],
                properties: {
                  handled: { type: 'boolean' },
                  event: { type: 'string' },
                  eventId: { type: 'string' },
                  reason: { type: 'string' },
                },
              },
            },
          },
        },
        400: problemResponse('Signed, but not a LiveKit webhook event'),
        401: problemResponse('The signature is missing or does not match'),
        413: problemResponse('The body is too large (1 MB at most)'),
      },
    },
  },
};
