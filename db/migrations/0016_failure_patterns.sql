CREATE TABLE `failure_patterns` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`description` text,
	`status` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `feedback` ADD `pattern_id` text;--> statement-breakpoint
CREATE INDEX `feedback_pattern` ON `feedback` (`pattern_id`);