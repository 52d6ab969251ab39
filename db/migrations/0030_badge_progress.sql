CREATE TABLE `badge_progress` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`through_id` integer NOT NULL,
	`last_at` integer NOT NULL,
	`answer_count` integer NOT NULL,
	`has_hard` integer NOT NULL,
	`has_public` integer NOT NULL,
	`days` text NOT NULL,
	`series_answered` text NOT NULL,
	`run_weeks` text NOT NULL,
	`day_basis` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `recognition_queue` ADD `appended_only` integer DEFAULT false NOT NULL;