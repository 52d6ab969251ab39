CREATE TABLE `community_analytics` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`computed_at` integer NOT NULL,
	`refresh_at` integer NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `community_analytics_due` ON `community_analytics` (`refresh_at`);