/** Field-level detail of a problem: which input was wrong and why. */
export type TFieldError = { field: string; message: string; code?: string };

const STATUS_BY_CODE = {
  bad_request: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_signature: 401,
  forbidden: 403,
  cross_site_refused: 403,
  not_yet_open: 403,
  join_window_closed: 403,
  lesson_ended: 403,
  not_found: 404,
  conflict: 409,
  booking_conflict: 409,
  invalid_state: 409,
  owner_not_in_room: 409,
  idempotency_in_progress: 409,
  conflict_of_interest: 409,
  invitation_revoked: 410,
  invitation_expired: 410,
  invitation_used_up: 410,
  pairing_expired: 410,
  pairing_used: 410,
  certificate_revoked: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  validation_failed: 422,
  calendar_violation: 422,
  nonexistent_local_time: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
} as const;

export type TErrorCode = keyof typeof STATUS_BY_CODE;

/**
 * The one error type of the api. It carries a stable string code, a message fit for the user,
 * the HTTP status (from the code) and optional per-field details; the error middleware turns it
 * into application/problem+json.
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly status: number;
  readonly fields: TFieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: TErrorCode,
    message: string,
    options: { fields?: TFieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.fields = options.fields ?? [];
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
