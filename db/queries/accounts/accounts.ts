import { count, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { isUniqueViolation } from '../../errors.ts';
import { accounts, enterprises, sessions } from '../../schema/index.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type EnterpriseRow = typeof enterprises.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findAccountByLogin(db: Database, login: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.login, login) });
}

export async function findAccount(db: Database, id: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

export async function findEnterprise(db: Database, id: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.id, id) });
}

export async function findEnterpriseByUscc(db: Database, uscc: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.uscc, uscc) });
}

/**
 * Creates an enterprise and its account in one write. Answers 'taken' when the USCC (or the login, which is the
 * USCC) is already registered, also when a simultaneous registration won the race on the unique index; any other
 * database error is thrown.
 */
export async function insertEnterpriseAccount(
  db: Database,
  enterprise: typeof enterprises.$inferInsert,
  account: typeof accounts.$inferInsert,
): Promise<'created' | 'taken'> {
  try {
    await db.batch([db.insert(enterprises).values(enterprise), db.insert(accounts).values(account)]);
    return 'created';
  } catch (err) {
    if (isUniqueViolation(err, ['enterprises.uscc', 'accounts.login'])) return 'taken';
    throw err;
  }
}

export async function insertAccount(db: Database, account: typeof accounts.$inferInsert) {
  await db.insert(accounts).values(account);
}

export async function listAccounts(db: Database) {
  return db.select().from(accounts).orderBy(accounts.role, accounts.login);
}

export async function countAccounts(db: Database) {
  const [row] = await db.select({ n: count() }).from(accounts);
  return row?.n ?? 0;
}

export async function listDemoAccounts(db: Database) {
  return db.select().from(accounts).where(eq(accounts.demo, true)).orderBy(accounts.role, accounts.login);
}

export async function markDemo(db: Database, id: string) {
  await db.update(accounts).set({ demo: true }).where(eq(accounts.id, id));
}

export async function setAccountDisabled(db: Database, id: string, disabled: boolean) {
  const rows = await db
    .update(accounts)
    .set({ disabled })
    .where(eq(accounts.id, id))
    .returning({ id: accounts.id });
  if (disabled) await db.delete(sessions).where(eq(sessions.accountId, id));
  return rows.length > 0;
}

/** Sets a new password hash and ends every session of the account in the same write. */
export async function replacePassword(db: Database, id: string, passwordHash: string) {
  await db.batch([
    db.update(accounts).set({ passwordHash, mustChangePassword: false }).where(eq(accounts.id, id)),
    db.delete(sessions).where(eq(sessions.accountId, id)),
  ]);
}

/** An admin's reset: a new password the holder must replace, and every session of the account ended. */
export async function resetPassword(db: Database, id: string, passwordHash: string, notices: SQL[] = []) {
  const [updated] = await db.batch([
    db
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(accounts.id, id))
      .returning({ id: accounts.id }),
    db.delete(sessions).where(eq(sessions.accountId, id)),
    ...notices.map((q) => db.run(q)),
  ]);
  return updated.length === 1;
}

export async function insertSession(db: Database, session: SessionRow) {
  await db.insert(sessions).values(session);
}

export async function findSession(db: Database, id: string) {
  const rows = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, id))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: Database, id: string, lastSeenAt: Date) {
  await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Database, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}
