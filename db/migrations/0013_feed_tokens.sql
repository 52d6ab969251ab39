CREATE TABLE `feed_tokens` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_tokens_hash` ON `feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `submissions_community_time` ON `submissions` (`community_id`,`created_at`);