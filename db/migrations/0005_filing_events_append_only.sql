-- Custom SQL migration file, put your code below! --
-- The audit history of a filing is append-only: the database itself refuses to change or remove an entry,
-- whatever code (or person with a SQL shell) tries.
CREATE TRIGGER `filing_events_no_update` BEFORE UPDATE ON `filing_events`
BEGIN
  SELECT RAISE(ABORT, 'filing_events is append-only: audit entries cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `filing_events_no_delete` BEFORE DELETE ON `filing_events`
BEGIN
  SELECT RAISE(ABORT, 'filing_events is append-only: audit entries cannot be deleted');
END;
