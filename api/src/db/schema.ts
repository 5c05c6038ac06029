import type { TLessonPeriod, TLocalizedText, TWorkingHours } from '@telemost/core';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type InstitutionsTable = {
  id: Generated<string>;
  code: string;
  name: JSONColumnType<TLocalizedText>;
  city: JSONColumnType<TLocalizedText>;
  country: string;
  timeZone: string;
  workingHours: JSONColumnType<TWorkingHours>;
  lessonPeriods: JSONColumnType<TLessonPeriod[]>;
  createdAt: CreatedAt;
};

export type PartnershipsTable = {
  id: Generated<string>;
  number: string;
  title: JSONColumnType<TLocalizedText>;
  signedOn: ColumnType<string, string, string>;
  validFrom: ColumnType<string, string, string>;
  validTo: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
};

export type PartnershipMembersTable = { partnershipId: string; institutionId: string };

export type PlanItemsTable = {
  id: Generated<string>;
  partnershipId: string;
  kind: string;
  title: JSONColumnType<TLocalizedText>;
  targetCount: number;
};

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  role: string;
  institutionId: string | null;
  locale: Generated<string>;
  timeZone: string | null;
  passwordHash: string;
  calendarToken: string | null;
  createdAt: CreatedAt;
  disabledAt: Timestamp | null;
};

export type GroupsTable = {
  id: Generated<string>;
  institutionId: string;
  name: string;
  createdAt: CreatedAt;
};

export type GroupMembersTable = { groupId: string; userId: string };

export type RoomsTable = {
  id: Generated<string>;
  institutionId: string;
  name: string;
  capacity: number;
};

export type SessionsTable = {
  sid: string;
  sess: JSONColumnType<Record<string, unknown>>;
  expiresAt: Timestamp;
};

export type AuditLogTable = {
  id: Generated<string>;
  at: Generated<Date>;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: JSONColumnType<Record<string, unknown>>;
};

export type OutboxTable = {
  id: Generated<string>;
  createdAt: Generated<Date>;
  topic: string;
  aggregateId: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  availableAt: Generated<Date>;
  dispatchedAt: Timestamp | null;
  attempts: Generated<number>;
};

export type EventSeriesTable = {
  id: Generated<string>;
  timeZone: string;
  localStart: string;
  durationMinutes: number;
  rule: JSONColumnType<Record<string, unknown>>;
  createdAt: CreatedAt;
};

export type EventsTable = {
  id: Generated<string>;
  partnershipId: string;
  kind: string;
  title: string;
  description: string | null;
  status: string;
  startAt: Timestamp;
  endAt: Timestamp;
  organizerId: string;
  organizerInstitutionId: string;
  originZone: string;
  seriesId: string | null;
  seriesIndex: number | null;
  version: Generated<number>;
  calendarOverride: Generated<boolean>;
  overrideNote: string | null;
  reminderOffsets: ColumnType<number[], number[] | undefined, number[]>;
  roomStatus: Generated<string>;
  /** When a host ended the video lesson for everyone (null: not ended early). */
  endedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  endedBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
};

export type EventInstitutionsTable = {
  eventId: string;
  institutionId: string;
  decision: string;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  /** This side accepts later changes of time that keep to its working calendar. */
  reschedulePreapproved: Generated<boolean>;
};

export type EventResourcesTable = {
  eventId: string;
  resourceType: string;
  resourceId: string;
  during: string;
  active: boolean;
};

export type EventParticipantsTable = {
  eventId: string;
  userId: string;
  institutionId: string;
  groupId: string | null;
  role: string;
};

export type RemindersSentTable = {
  eventId: string;
  userId: string;
  offsetMinutes: number;
  channel: string;
  eventVersion: number;
  sentAt: Generated<Date>;
};

export type NotificationsTable = {
  id: Generated<string>;
  userId: string;
  kind: string;
  eventId: string | null;
  dedupeKey: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  createdAt: Generated<Date>;
  readAt: Timestamp | null;
};

export type AttendanceTable = {
  id: Generated<string>;
  eventId: string;
  userId: string | null;
  identity: string;
  participantSid: string;
  institutionId: string | null;
  joinedAt: Timestamp;
  leftAt: Timestamp | null;
};

/** The whole database, as Kysely sees it (camelCase here, snake_case in SQL). */
export type Database = {
  institutions: InstitutionsTable;
  partnerships: PartnershipsTable;
  partnershipMembers: PartnershipMembersTable;
  planItems: PlanItemsTable;
  users: UsersTable;
  groups: GroupsTable;
  groupMembers: GroupMembersTable;
  rooms: RoomsTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  outbox: OutboxTable;
  eventSeries: EventSeriesTable;
  events: EventsTable;
  eventInstitutions: EventInstitutionsTable;
  eventResources: EventResourcesTable;
  eventParticipants: EventParticipantsTable;
  remindersSent: RemindersSentTable;
  notifications: NotificationsTable;
  attendance: AttendanceTable;
};
