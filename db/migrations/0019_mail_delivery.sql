CREATE TABLE `chat_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`prompt_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`given_up_at` integer,
	FOREIGN KEY (`webhook_id`) REFERENCES `chat_webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_posts_pending` ON `chat_posts` (`id`) WHERE sent_at is null and given_up_at is null;--> statement-breakpoint
CREATE INDEX `chat_posts_created` ON `chat_posts` (`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `chat_posts_once` ON `chat_posts` (`webhook_id`,`prompt_id`);--> statement-breakpoint
CREATE TABLE `chat_webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`disabled_at` integer,
	`last_error` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chat_webhooks_community` ON `chat_webhooks` (`community_id`);--> statement-breakpoint
CREATE INDEX `chat_webhooks_active` ON `chat_webhooks` (`community_id`) WHERE disabled_at is null;--> statement-breakpoint
CREATE TABLE `mail_suppressions` (
	`address_hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `given_up_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_sent` ON `outbox` (`sent_at`);