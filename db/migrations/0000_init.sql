CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`city` text,
	`enterprise_id` text,
	`disabled` integer DEFAULT false NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_login_unique` ON `accounts` (`login`);--> statement-breakpoint
CREATE INDEX `accounts_enterprise_idx` ON `accounts` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account_idx` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` text PRIMARY KEY NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`grade` text,
	`city` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_uscc_unique` ON `enterprises` (`uscc`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`filing_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attachments_filing_idx` ON `attachments` (`filing_id`);--> statement-breakpoint
CREATE TABLE `filing_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `filing_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `filing_events_filing_idx` ON `filing_events` (`filing_id`,`id`);--> statement-breakpoint
CREATE TABLE `filings` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`kind` text NOT NULL,
	`supersedes_id` text,
	`status` text NOT NULL,
	`city` text NOT NULL,
	`filing_no` text,
	`enterprise_name` text NOT NULL,
	`uscc` text NOT NULL,
	`enterprise_type` text NOT NULL,
	`grade` text,
	`cqo_name` text,
	`publish_consent` integer DEFAULT false NOT NULL,
	`form` text NOT NULL,
	`id_cipher` text,
	`id_hash` text,
	`id_masked` text,
	`birth_date` text,
	`sex` text,
	`return_reasons` text,
	`return_note` text,
	`training` text NOT NULL,
	`deregistration_requested` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`recognized_at` integer,
	`deregistered_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `filings_filing_no_idx` ON `filings` (`filing_no`);--> statement-breakpoint
CREATE INDEX `filings_enterprise_idx` ON `filings` (`enterprise_id`);--> statement-breakpoint
CREATE INDEX `filings_status_city_idx` ON `filings` (`status`,`city`);--> statement-breakpoint
CREATE INDEX `filings_id_hash_idx` ON `filings` (`id_hash`);--> statement-breakpoint
CREATE INDEX `filings_uscc_idx` ON `filings` (`uscc`);