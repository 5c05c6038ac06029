import type { TServerEventName, TServerEventPayload } from '@telemost/core/contracts/realtime';

/** Pushes to browsers (socket.io); the events and payloads are core's socket.io contract. Absent in unit-level tests. */
export type TRealtime = {
  toUser: <E extends TServerEventName>(userId: string, event: E, payload: TServerEventPayload<E>) => void;
  toEvent: <E extends TServerEventName>(eventId: string, event: E, payload: TServerEventPayload<E>) => void;
};
