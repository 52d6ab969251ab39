CREATE TABLE `images` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` integer NOT NULL,
	`community_id` integer,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `images_owner` ON `images` (`owner_id`);--> statement-breakpoint
CREATE INDEX `images_unattached` ON `images` (`created_at`) WHERE community_id is null;--> statement-breakpoint
ALTER TABLE `submissions` ADD `image_id` text REFERENCES images(id);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_image` ON `submissions` (`image_id`);