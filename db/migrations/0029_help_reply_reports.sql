CREATE TABLE `help_reply_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`help_reply_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`reporter_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`help_reply_id`) REFERENCES `help_replies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_reply_reports_one_open` ON `help_reply_reports` (`help_reply_id`,`reporter_id`) WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX `help_reply_reports_open` ON `help_reply_reports` (`community_id`,`created_at`) WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX `help_reply_reports_reporter` ON `help_reply_reports` (`reporter_id`);--> statement-breakpoint
ALTER TABLE `help_replies` ADD `moderation` text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE `moderation_log` ADD `help_reply_id` integer;