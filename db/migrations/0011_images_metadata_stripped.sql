ALTER TABLE `images` ADD `metadata_stripped` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `images_unstripped` ON `images` (`id`) WHERE metadata_stripped = 0;