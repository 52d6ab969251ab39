DROP INDEX `submissions_gallery`;--> statement-breakpoint
ALTER TABLE `submissions` ADD `public_id` text;--> statement-breakpoint
-- Hand-written: existing answers get their random public id too (ALTER TABLE cannot default to one).
UPDATE `submissions` SET `public_id` = lower(hex(randomblob(16))) WHERE `public_id` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_public_id` ON `submissions` (`public_id`);--> statement-breakpoint
CREATE INDEX `submissions_gallery_key` ON `submissions` (`prompt_id`,(CASE WHEN anonymous THEN created_at - created_at % 3600000 ELSE created_at END),`public_id`);