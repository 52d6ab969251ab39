ALTER TABLE `users` ADD `erased` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The ledger stays append-only, except for a member who erased their account: their entries go with them
-- (with their scores, in the same batch), so no row keeps their points or ties an answer to them.
DROP TRIGGER points_ledger_no_delete;
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
WHEN NOT EXISTS (SELECT 1 FROM users WHERE users.id = OLD.user_id AND users.erased)
BEGIN
  SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
