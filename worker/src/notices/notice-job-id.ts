import { jobId } from '../define-job.ts';
import type { TNoticeKind } from '../messages/texts.ts';

/** The payload of one notice: what happened to which event version, for whom, done by whom. */
export type TNoticeKey = {
  eventId: string;
  userId: string;
  kind: TNoticeKind;
  version: number;
  actorId: string | null;
};

/** `notice-<eventId>-<kind>-v<version>-<userId>`: also the notification's dedupe key. */
export function noticeJobId(k: Pick<TNoticeKey, 'eventId' | 'userId' | 'kind' | 'version'>): string {
  return jobId('notice', k.eventId, k.kind, `v${k.version}`, k.userId);
}
