import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of `;`-terminated statements one by one: PGlite's extended protocol takes one
 * command per query. Statements must not contain `;` inside literals.
 */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
