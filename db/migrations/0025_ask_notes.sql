CREATE TABLE `connect_settings` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`ask_opt_in` integer DEFAULT false NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`notes_off` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connect_settings_opted_in` ON `connect_settings` (`community_id`) WHERE ask_opt_in = 1;--> statement-breakpoint
CREATE TABLE `note_blocks` (
	`community_id` integer NOT NULL,
	`blocker_id` integer NOT NULL,
	`blocked_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `blocker_id`, `blocked_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blocker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blocked_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `note_blocks_blocked` ON `note_blocks` (`blocked_id`);--> statement-breakpoint
CREATE TABLE `note_messages` (
	`note_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`from_role` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`note_id`, `seq`),
	FOREIGN KEY (`note_id`) REFERENCES `notes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`sender_id` integer NOT NULL,
	`starter` text NOT NULL,
	`created_at` integer NOT NULL,
	`helpful_at` integer,
	`reported_at` integer,
	`moderation` text DEFAULT 'visible' NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sender_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notes_one_per_sender` ON `notes` (`submission_id`,`sender_id`);--> statement-breakpoint
CREATE INDEX `notes_sender` ON `notes` (`sender_id`);--> statement-breakpoint
CREATE INDEX `notes_reported` ON `notes` (`community_id`) WHERE reported_at is not null;