CREATE TABLE `registry_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` text,
	`at` integer NOT NULL
);
