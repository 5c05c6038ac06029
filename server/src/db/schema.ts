import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TLessonPeriod, TWorkingHours } from '@telemost/core/schemas/institution';
import type { TProgrammeSpeakerRef } from '@telemost/core/schemas/programme';
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
  /** Random per row: the row's job id, unique across database lifetimes. */
  jobKey: Generated<string>;
  /** The relay's lease on a row it is enqueueing; null when unclaimed. */
  claimedAt: Timestamp | null;
};

/** One row per database: the random id that namespaces its jobs in Redis. */
export type InstallationTable = {
  singleton: Generated<boolean>;
  id: Generated<string>;
  createdAt: Generated<Date>;
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

export type TelegramLinksTable = {
  userId: string;
  chatId: string;
  linkedAt: Generated<Date>;
};

export type TelegramLinkTokensTable = {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
};

export type TelegramActionsTable = {
  id: string;
  userId: string;
  eventId: string;
  eventVersion: number;
  decision: 'confirmed' | 'declined';
  createdAt: Generated<Date>;
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
  /** When the live push went out; null until it did (see the worker's pushNotification). */
  pushedAt: Timestamp | null;
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
  /** The breakout team whose room the stay was in; null: the main room. */
  breakout: ColumnType<number | null, number | null | undefined, number | null>;
  /** The programme session whose own room the stay was in; null: the main room or a team's. */
  programmeSessionId: ColumnType<string | null, string | null | undefined, string | null>;
};

export type BreakoutPlansTable = {
  scopeKey: string;
  teamCount: number;
  teams: JSONColumnType<string[][]>;
  updatedAt: Generated<Date>;
};

export type BreakoutsTable = {
  eventId: string;
  teamCount: number;
  startedBy: string | null;
  startedAt: Timestamp;
  endsAt: Timestamp | null;
};

export type BreakoutMembersTable = { eventId: string; userId: string; team: number };

export type PollsTable = {
  id: Generated<string>;
  eventId: string;
  question: string;
  options: JSONColumnType<string[]>;
  anonymous: Generated<boolean>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  closedAt: Timestamp | null;
};

export type PollAnswersTable = {
  pollId: string;
  userId: string;
  institutionId: string | null;
  option: number;
  answeredAt: Generated<Date>;
};

export type MaterialsTable = {
  id: Generated<string>;
  eventId: string;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
  uploadedBy: string | null;
  uploadedAt: Generated<Date>;
};

export type CameraPairingsTable = {
  id: Generated<string>;
  eventId: string;
  ownerId: string;
  codeHash: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: Generated<Date>;
};

export type CameraAllowancesTable = {
  eventId: string;
  userId: string;
  allowedBy: string | null;
  allowedAt: Generated<Date>;
};

export type WhiteboardsTable = {
  eventId: string;
  board: number;
  image: Buffer | null;
  locked: Generated<boolean>;
  updatedBy: string | null;
  updatedAt: Timestamp | null;
  materialId: string | null;
};

export type InvitationsTable = {
  id: Generated<string>;
  eventId: string;
  role: 'guest' | 'speaker' | 'jury';
  label: string | null;
  tokenHash: string;
  expiresAt: Timestamp | null;
  maxUses: number | null;
  uses: Generated<number>;
  lobby: boolean;
  createdBy: string;
  createdAt: CreatedAt;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  /** Jury invitations only: the college its jurors stand for. */
  institutionId: Generated<string | null>;
};

export type InvitationGuestsTable = {
  id: Generated<string>;
  invitationId: string;
  eventId: string;
  displayName: string;
  identity: string;
  keyHash: string;
  status: 'waiting' | 'admitted' | 'denied';
  createdAt: CreatedAt;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
};

export type CertificatesTable = {
  id: Generated<string>;
  code: string;
  eventId: string;
  userId: string;
  holderName: string;
  locale: string;
  seconds: number;
  issuedAt: CreatedAt;
  issuedBy: string;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  /** What it certifies: time in the room, confirmed internship hours, or an olympiad result. */
  basis: Generated<'attendance' | 'internship' | 'olympiad'>;
  medal: 'gold' | 'silver' | 'bronze' | null;
  rank: number | null;
  score: number | null;
  maxScore: number | null;
};

export type InternshipsTable = { eventId: string; hostInstitutionId: string; createdAt: CreatedAt };

export type InternshipMentorsTable = { eventId: string; userId: string };

export type InternshipDaysTable = {
  id: Generated<string>;
  eventId: string;
  /** The programme day (yyyy-MM-dd, the host college's calendar). */
  day: string;
  title: string;
  sessions: JSONColumnType<{ title: string; hours: number; start?: string }[], string, string>;
  hours: number;
  confirmedAt: Timestamp | null;
  confirmedBy: string | null;
  absentIds: JSONColumnType<string[], string | undefined, string>;
};

export type OlympiadsTable = {
  eventId: string;
  chiefExpertId: string;
  gold: number;
  silver: number;
  bronze: number;
  closedAt: Timestamp | null;
  closedBy: string | null;
  createdAt: CreatedAt;
};

export type OlympiadJurorsTable = { eventId: string; userId: string };

export type OlympiadTasksTable = {
  id: Generated<string>;
  eventId: string;
  title: string;
  kind: 'measured' | 'judged';
  maxScore: number;
  scheme: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  createdAt: CreatedAt;
};

export type OlympiadMarksTable = {
  id: Generated<string>;
  taskId: string;
  competitorId: string;
  /** The juror key: `jurorUserId` or `jurorGuestId`, whichever is set. */
  jurorId: string;
  jurorUserId: Generated<string | null>;
  jurorGuestId: Generated<string | null>;
  passed: boolean | null;
  value: number | null;
  score: number | null;
  updatedAt: Timestamp;
};

/** The whole database, as Kysely sees it (camelCase here, snake_case in SQL). */
/** One session of a conference's (or cultural event's) programme. */
export type ProgrammeSessionsTable = {
  id: Generated<string>;
  eventId: string;
  title: string;
  description: string | null;
  startsAt: Timestamp;
  endsAt: Timestamp;
  ownRoom: boolean;
  /** The LiveKit room the session runs in: the event id (the main hall) or its own room's name. */
  hall: string;
  speakers: JSONColumnType<TProgrammeSpeakerRef[]>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
};

/** Someone of the audience a host promoted to speaker (a user id or a guest's identity). */
export type EventSpeakersTable = {
  eventId: string;
  identity: string;
  name: string | null;
  promotedBy: string | null;
  promotedAt: Generated<Date>;
};

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
  installation: InstallationTable;
  eventSeries: EventSeriesTable;
  events: EventsTable;
  eventInstitutions: EventInstitutionsTable;
  eventResources: EventResourcesTable;
  eventParticipants: EventParticipantsTable;
  remindersSent: RemindersSentTable;
  notifications: NotificationsTable;
  attendance: AttendanceTable;
  breakoutPlans: BreakoutPlansTable;
  breakouts: BreakoutsTable;
  breakoutMembers: BreakoutMembersTable;
  polls: PollsTable;
  pollAnswers: PollAnswersTable;
  materials: MaterialsTable;
  cameraPairings: CameraPairingsTable;
  cameraAllowances: CameraAllowancesTable;
  whiteboards: WhiteboardsTable;
  invitations: InvitationsTable;
  invitationGuests: InvitationGuestsTable;
  certificates: CertificatesTable;
  olympiads: OlympiadsTable;
  olympiadJurors: OlympiadJurorsTable;
  olympiadTasks: OlympiadTasksTable;
  olympiadMarks: OlympiadMarksTable;
  programmeSessions: ProgrammeSessionsTable;
  eventSpeakers: EventSpeakersTable;
  internships: InternshipsTable;
  internshipMentors: InternshipMentorsTable;
  internshipDays: InternshipDaysTable;
  telegramLinks: TelegramLinksTable;
  telegramLinkTokens: TelegramLinkTokensTable;
  telegramActions: TelegramActionsTable;
};
