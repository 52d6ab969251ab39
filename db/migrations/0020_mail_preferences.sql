CREATE TABLE `mail_members` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`lang` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mail_preferences` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`mode` text NOT NULL,
	`hour` integer NOT NULL,
	`paused_until` integer,
	`silent_dailies` integer DEFAULT 0 NOT NULL,
	`last_daily_at` integer,
	`stepped_down_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_preferences_slot` ON `mail_preferences` (`mode`,`hour`,`community_id`);--> statement-breakpoint
CREATE TABLE `mail_sends` (
	`user_id` integer NOT NULL,
	`local_day` text NOT NULL,
	`kind` text NOT NULL,
	`communities` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `local_day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_sends_recent` ON `mail_sends` (`user_id`,`sent_at`);