CREATE INDEX `kudos_giver` ON `kudos` (`user_id`,`submission_id`);--> statement-breakpoint
CREATE INDEX `notifications_submission` ON `notifications` (`submission_id`);