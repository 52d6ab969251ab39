-- A member's rows found by member alone: what their data export reads and their account's erasure deletes
-- (tests/api/data-rights-plans.test.ts). Each table had only indexes led by the community, so both read it whole.
-- points_ledger stays without one: it gains a row per answer, and an index would cost every answer a write.
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `badge_grants_user` ON `badge_grants` (`user_id`);--> statement-breakpoint
CREATE INDEX `badge_progress_user` ON `badge_progress` (`user_id`);--> statement-breakpoint
CREATE INDEX `connect_settings_user` ON `connect_settings` (`user_id`);--> statement-breakpoint
CREATE INDEX `feed_tokens_user` ON `feed_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `help_reply_reports_reply` ON `help_reply_reports` (`help_reply_id`);--> statement-breakpoint
CREATE INDEX `help_requests_decided_by` ON `help_requests` (`decided_by`);--> statement-breakpoint
CREATE INDEX `ladder_steps_user` ON `ladder_steps` (`user_id`);--> statement-breakpoint
CREATE INDEX `ladder_steps_marked_by` ON `ladder_steps` (`marked_by`) WHERE marked_by is not null;--> statement-breakpoint
CREATE INDEX `mail_preferences_user` ON `mail_preferences` (`user_id`);--> statement-breakpoint
CREATE INDEX `reports_submission` ON `reports` (`submission_id`);--> statement-breakpoint
CREATE INDEX `reports_reporter` ON `reports` (`reporter_id`);--> statement-breakpoint
CREATE INDEX `rest_weeks_user` ON `rest_weeks` (`user_id`);--> statement-breakpoint
CREATE INDEX `rhythm_goals_user` ON `rhythm_goals` (`user_id`);--> statement-breakpoint
CREATE INDEX `scores_user` ON `scores` (`user_id`);
