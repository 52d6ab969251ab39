CREATE TABLE `badge_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`badge_id` text NOT NULL,
	`evidence` text NOT NULL,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `badge_grants_live` ON `badge_grants` (`community_id`,`user_id`,`badge_id`) WHERE revoked_at is null;--> statement-breakpoint
CREATE TABLE `ladder_steps` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`view` text NOT NULL,
	`stage` text NOT NULL,
	`rank` integer NOT NULL,
	`reached_on` text NOT NULL,
	`marked_by` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`, `view`, `stage`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`submission_id` integer,
	`badge_id` text,
	`dedupe_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once` ON `notifications` (`user_id`,`community_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `nudges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`submission_id` integer NOT NULL,
	`kind` text NOT NULL,
	`week_of` text NOT NULL,
	`created_at` integer NOT NULL,
	`dismissed_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nudges_one_per_week` ON `nudges` (`community_id`,`user_id`,`week_of`);--> statement-breakpoint
CREATE UNIQUE INDEX `nudges_once_per_answer` ON `nudges` (`submission_id`,`kind`);--> statement-breakpoint
CREATE INDEX `nudges_user` ON `nudges` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rest_weeks` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`week_of` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`, `week_of`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rhythm_goals` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`week_of` text NOT NULL,
	`goal` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`, `week_of`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shoutout_rolls` (
	`community_id` integer NOT NULL,
	`week_of` text NOT NULL,
	`content` text NOT NULL,
	`generated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `week_of`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `spotlights` (
	`submission_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spotlights_community` ON `spotlights` (`community_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `nudges` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `public_profile` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `ledger_week` ON `points_ledger` (`week_of`,`community_id`) WHERE reason = 'answer';--> statement-breakpoint
CREATE INDEX `submissions_member` ON `submissions` (`community_id`,`user_id`,`created_at`);