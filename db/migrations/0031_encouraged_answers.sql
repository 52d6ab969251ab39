DROP INDEX `submissions_image`;--> statement-breakpoint
ALTER TABLE `submissions` ADD `encouraged_at` integer;--> statement-breakpoint
CREATE INDEX `submissions_encouraged` ON `submissions` (`community_id`,`user_id`,`encouraged_at`) WHERE "submissions"."encouraged_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_image` ON `submissions` (`image_id`) WHERE "submissions"."image_id" is not null;--> statement-breakpoint
-- submissions.encouraged_at: when someone other than the author last gave the answer kudos. Every way kudos come
-- and go (given, erased with their giver, removed with their answer) passes through these triggers, as does an
-- answer handed to another author (an erased member's kept anonymous answer).
-- Only answers that have kudos are written: the new column is NULL for the rest already.
UPDATE submissions SET encouraged_at = (
  SELECT max(k.created_at) FROM kudos k WHERE k.submission_id = submissions.id AND k.user_id <> submissions.user_id
)
WHERE id IN (SELECT submission_id FROM kudos);
--> statement-breakpoint
CREATE TRIGGER kudos_encourage AFTER INSERT ON kudos
BEGIN
  UPDATE submissions SET encouraged_at = NEW.created_at
  WHERE id = NEW.submission_id AND user_id <> NEW.user_id AND (encouraged_at IS NULL OR encouraged_at < NEW.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER kudos_unencourage AFTER DELETE ON kudos
BEGIN
  UPDATE submissions SET encouraged_at = (
    SELECT max(k.created_at) FROM kudos k WHERE k.submission_id = submissions.id AND k.user_id <> submissions.user_id
  )
  WHERE id = OLD.submission_id AND user_id <> OLD.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER submissions_author_encouraged AFTER UPDATE OF user_id ON submissions
BEGIN
  UPDATE submissions SET encouraged_at = (
    SELECT max(k.created_at) FROM kudos k WHERE k.submission_id = NEW.id AND k.user_id <> NEW.user_id
  )
  WHERE id = NEW.id;
END;
