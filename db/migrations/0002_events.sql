CREATE TABLE `attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`event_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`position` text NOT NULL,
	`mobile` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`promoted_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attendees_status_valid" CHECK("attendees"."status" in ('confirmed', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_event_seq_idx` ON `attendees` (`event_id`,`seq`);--> statement-breakpoint
CREATE INDEX `attendees_event_status_idx` ON `attendees` (`event_id`,`status`,`seq`);--> statement-breakpoint
CREATE INDEX `attendees_event_enterprise_idx` ON `attendees` (`event_id`,`enterprise_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_event_mobile_idx` ON `attendees` (`event_id`,`mobile`) WHERE "attendees"."status" != 'cancelled';--> statement-breakpoint
CREATE INDEX `attendees_registration_idx` ON `attendees` (`registration_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`city` text NOT NULL,
	`venue` text NOT NULL,
	`organizer` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`max_per_enterprise` integer NOT NULL,
	`registration_opens` integer NOT NULL,
	`registration_closes` integer NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "events_capacity_positive" CHECK("events"."capacity" > 0),
	CONSTRAINT "events_max_per_enterprise_positive" CHECK("events"."max_per_enterprise" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`account_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`code` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_code_unique` ON `registrations` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_idempotency_idx` ON `registrations` (`enterprise_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `registrations_event_enterprise_idx` ON `registrations` (`event_id`,`enterprise_id`);