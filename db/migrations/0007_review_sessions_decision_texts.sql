CREATE TABLE `review_session_items` (
	`member_id` text NOT NULL,
	`position` integer NOT NULL,
	`item` text NOT NULL,
	PRIMARY KEY(`member_id`, `position`)
);
--> statement-breakpoint
CREATE TABLE `review_sessions` (
	`member_id` text PRIMARY KEY NOT NULL,
	`filters` text NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `decisions` ADD `recommended` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `final` text;