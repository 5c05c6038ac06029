import { type Db, PREPARED } from '@telemost/server/db/database';
import session from 'express-session';
import { sql } from 'kysely';

const DAY_MS = 24 * 60 * 60 * 1000;

/** express-session store on our own database, so sessions survive restarts and span instances. */
export class DbSessionStore extends session.Store {
  readonly #db: Db;

  constructor(db: Db) {
    super();
    this.#db = db;
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    // Every signed-in request reads its session: a prepared statement, planned once per connection.
    sql<{ sess: session.SessionData }>`${sql.raw(PREPARED)}
      SELECT sess FROM sessions WHERE sid = ${sid} AND expires_at > ${new Date()}`
      .execute(this.#db)
      .then(({ rows }) => cb(null, rows[0]?.sess ?? null), cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expiresAt = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + DAY_MS);
    const value = JSON.stringify(sess);
    this.#db
      .insertInto('sessions')
      .values({ sid, sess: value, expiresAt })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: value, expiresAt }))
      .execute()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.#db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }

  /**
   * express-session touches every request's session when nothing changed. Sessions are not rolling
   * (a week from sign-in, the cookie's own expiry), so there is nothing to extend: a read stays a read.
   */
  override touch(_sid: string, _sess: session.SessionData, cb?: () => void): void {
    cb?.();
  }

  /** Deletes expired sessions; called periodically. */
  async prune(): Promise<number> {
    const res = await this.#db.deleteFrom('sessions').where('expiresAt', '<=', new Date()).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
