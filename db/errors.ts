/** Recognising database errors by their codes (the messages of Drizzle's errors carry the query's parameters). */

type Coded = {
  code?: unknown;
  extendedCode?: unknown;
  rawCode?: unknown;
  message?: unknown;
  cause?: unknown;
};

/** The error and its causes, outermost first (bounded: causes can loop). */
function chain(err: unknown): Coded[] {
  const out: Coded[] = [];
  let e: unknown = err;
  while (e && typeof e === 'object' && out.length < 8) {
    out.push(e as Coded);
    e = (e as Coded).cause;
  }
  return out;
}

const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;

/**
 * True when the error is a UNIQUE constraint violation on one of `columns` (`table.column`, as SQLite names them).
 * libSQL puts the failing columns in the message of the cause, never the values.
 */
export function isUniqueViolation(err: unknown, columns: string[]): boolean {
  return chain(err).some((e) => {
    const unique =
      e.extendedCode === 'SQLITE_CONSTRAINT_UNIQUE' ||
      e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      e.rawCode === SQLITE_CONSTRAINT_UNIQUE ||
      e.rawCode === SQLITE_CONSTRAINT_PRIMARYKEY ||
      (typeof e.code === 'string' &&
        e.code.startsWith('SQLITE_CONSTRAINT') &&
        typeof e.message === 'string' &&
        e.message.includes('UNIQUE constraint failed'));
    if (!unique || typeof e.message !== 'string') return false;
    const failed = e.message.slice(e.message.indexOf('failed:'));
    return columns.some((c) => failed.includes(c));
  });
}
