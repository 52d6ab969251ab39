ALTER TABLE `help_replies` ADD `reported_at` integer;--> statement-breakpoint
ALTER TABLE `help_replies` ADD `report_reason` text;--> statement-breakpoint
ALTER TABLE `help_replies` ADD `report_note` text;--> statement-breakpoint
CREATE INDEX `help_replies_reported` ON `help_replies` (`community_id`,`reported_at`) WHERE reported_at is not null;