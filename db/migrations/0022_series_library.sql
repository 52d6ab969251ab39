CREATE TABLE `library_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`cadence` text NOT NULL,
	`prompts_json` text NOT NULL,
	`published_by` integer NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_entries_series` ON `library_entries` (`series_id`);--> statement-breakpoint
CREATE INDEX `library_entries_published` ON `library_entries` (`published_at`);--> statement-breakpoint
CREATE TABLE `prompt_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prompt_id` integer NOT NULL,
	`series_id` integer NOT NULL,
	`edited_by` integer NOT NULL,
	`edited_at` integer NOT NULL,
	`level` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `prompt_edits_series` ON `prompt_edits` (`series_id`,`edited_at`);--> statement-breakpoint
ALTER TABLE `series` ADD `adapted_from_entry_id` integer;