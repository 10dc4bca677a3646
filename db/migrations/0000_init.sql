CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hlc` text NOT NULL,
	`device_id` text NOT NULL,
	`author_id` text,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`col` text NOT NULL,
	`value` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_identity` ON `change_log` (`hlc`,`tbl`,`row_id`,`col`);--> statement-breakpoint
CREATE INDEX `change_log_field` ON `change_log` (`tbl`,`row_id`,`col`,`hlc`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`status` text NOT NULL,
	`go_live` text,
	`model_versions` text DEFAULT '[]' NOT NULL,
	`business_sponsor` text,
	`product_owner` text,
	`technical_lead` text
);
--> statement-breakpoint
CREATE TABLE `local_profiles` (
	`member_id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `local_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`role` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`region` text,
	`business_unit` text,
	`headcount` integer
);
--> statement-breakpoint
CREATE INDEX `teams_parent` ON `teams` (`parent_id`);--> statement-breakpoint
CREATE TABLE `workspace` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL
);
