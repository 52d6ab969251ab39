CREATE TABLE `recognition_queue` (
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`queued_at` integer NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `recognition_queue_user` ON `recognition_queue` (`user_id`);