CREATE TABLE `network_figures` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`computed_at` integer NOT NULL,
	`refresh_at` integer NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `network_figures_due` ON `network_figures` (`refresh_at`);--> statement-breakpoint
CREATE TABLE `steward_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `steward_log_created` ON `steward_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `steward_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`quiet_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
