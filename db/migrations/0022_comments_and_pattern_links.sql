CREATE TABLE `feedback_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`feedback_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_comments_feedback` ON `feedback_comments` (`feedback_id`);--> statement-breakpoint
ALTER TABLE `override_reviews` ADD `pattern_id` text;--> statement-breakpoint
ALTER TABLE `shadow_processes` ADD `failure_pattern_id` text;