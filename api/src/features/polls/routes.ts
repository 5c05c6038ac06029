import {
  ZCreatePollSchema,
  ZPollAnswerSchema,
  ZPollListSchema,
  ZPollSchema,
} from '@telemost/core/schemas/classroom';
import { ZIdSchema } from '@telemost/core/schemas/common';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { answerPoll } from './answer-poll.ts';
import { closePoll } from './close-poll.ts';
import { createPoll } from './create-poll.ts';
import { listPolls } from './list-polls.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const ZPollParams = z.strictObject({ id: ZIdSchema, pollId: ZIdSchema });

export function pollRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/polls',
      summary: 'A host asks the lesson a question with options',
      tags: ['classroom'],
      auth: true,
      status: 201,
      params: ZEventParams,
      body: ZCreatePollSchema,
      response: ZPollSchema,
      errors: { 403: 'Not a host of this event' },
      handler: ({ actor, params, body }) => createPoll(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/polls',
      summary: 'The lesson’s polls with live results, per college and in total',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      response: ZPollListSchema,
      errors: { 403: 'Not in this lesson' },
      handler: ({ actor, params }) => listPolls(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/polls/:pollId/answers',
      summary: 'Answer a poll, once (a second answer is refused with 409; the first one counts)',
      tags: ['classroom'],
      auth: true,
      status: 201,
      params: ZPollParams,
      body: ZPollAnswerSchema,
      response: ZPollSchema,
      errors: {
        403: 'Not in this lesson',
        404: 'No such event or poll',
        409: 'Already answered (`conflict`), or the poll is closed (`invalid_state`)',
      },
      handler: ({ actor, params, body }) => answerPoll(ctx, actor, params.id, params.pollId, body.option),
    }),
    defineRoute({
      method: 'post',
      path: '/api/events/:id/polls/:pollId/close',
      summary: 'A host closes a poll (idempotent); its results stay with the lesson',
      tags: ['classroom'],
      auth: true,
      params: ZPollParams,
      response: ZPollSchema,
      errors: { 403: 'Not a host of this event', 404: 'No such event or poll' },
      handler: ({ actor, params }) => closePoll(ctx, actor, params.id, params.pollId),
    }),
  ];
}
