CREATE TABLE `series_offer_decisions` (
	`offer_id` integer PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`series_id` integer,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `series_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `series_offer_decisions_by` ON `series_offer_decisions` (`decided_by`);--> statement-breakpoint
CREATE TABLE `series_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`source_series_id` integer NOT NULL,
	`offered_by` integer,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`cadence` text NOT NULL,
	`prompts_json` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `series_offers_community` ON `series_offers` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `series_offers_by` ON `series_offers` (`offered_by`);--> statement-breakpoint
CREATE TABLE `steward_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`from_user_id` integer,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `steward_notes_community` ON `steward_notes` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `steward_notes_from` ON `steward_notes` (`from_user_id`);--> statement-breakpoint
ALTER TABLE `communities` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `communities` ADD `showcase_pinned_at` integer;--> statement-breakpoint
ALTER TABLE `communities` ADD `built_in` text;--> statement-breakpoint
CREATE UNIQUE INDEX `communities_built_in` ON `communities` (`built_in`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `steward_note_id` integer REFERENCES steward_notes(id);--> statement-breakpoint
ALTER TABLE `steward_log` ADD `community_id` integer REFERENCES communities(id);