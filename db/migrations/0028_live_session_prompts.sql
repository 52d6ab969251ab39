ALTER TABLE `prompts` ADD `live_session_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `prompts_live_session` ON `prompts` (`live_session_id`) WHERE live_session_id is not null;--> statement-breakpoint
ALTER TABLE `series` ADD `live_session_id` integer;