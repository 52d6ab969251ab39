CREATE TABLE `credits_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`delta` integer NOT NULL,
	`ref` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credits_once_per_reason` ON `credits_ledger` (`user_id`,`reason`,`ref`);--> statement-breakpoint
CREATE INDEX `credits_member` ON `credits_ledger` (`community_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `help_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_replies_once` ON `help_replies` (`request_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `help_replies_user` ON `help_replies` (`user_id`);--> statement-breakpoint
CREATE TABLE `help_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`credit_ref` text NOT NULL,
	`question` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_requests_credit_ref_unique` ON `help_requests` (`credit_ref`);--> statement-breakpoint
CREATE INDEX `help_requests_community` ON `help_requests` (`community_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_requests_user` ON `help_requests` (`user_id`);--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`prompt` text,
	`host_id` integer NOT NULL,
	`call_url` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`credited_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `live_sessions_upcoming` ON `live_sessions` (`community_id`,`ends_at`);--> statement-breakpoint
CREATE INDEX `live_sessions_host` ON `live_sessions` (`host_id`);--> statement-breakpoint
CREATE INDEX `live_sessions_uncredited` ON `live_sessions` (`ends_at`) WHERE credited_at is null;--> statement-breakpoint
-- Helper credits are append-only like points: corrections are new entries (a refund, never an edit).
CREATE TRIGGER credits_ledger_no_update BEFORE UPDATE ON credits_ledger
BEGIN
  SELECT RAISE(ABORT, 'credits_ledger is append-only');
END;
--> statement-breakpoint
-- Only an erased member's entries may go, with the member (src/domain/data-rights/erase-account.ts).
CREATE TRIGGER credits_ledger_no_delete BEFORE DELETE ON credits_ledger
WHEN NOT EXISTS (SELECT 1 FROM users WHERE users.id = OLD.user_id AND users.erased)
BEGIN
  SELECT RAISE(ABORT, 'credits_ledger is append-only');
END;
--> statement-breakpoint
-- A spend never takes a balance below zero. Checked inside the INSERT itself: SQLite runs one write at a
-- time, so two spends sent together see each other and the second fails, rather than both passing a read
-- made before either wrote (D1 has no interactive transactions to lock with).
CREATE TRIGGER credits_never_negative BEFORE INSERT ON credits_ledger
WHEN NEW.delta < 0 AND (SELECT coalesce(sum(delta), 0) FROM credits_ledger
  WHERE community_id = NEW.community_id AND user_id = NEW.user_id) + NEW.delta < 0
BEGIN
  SELECT RAISE(ABORT, 'credits_insufficient');
END;
