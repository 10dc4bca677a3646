CREATE TABLE `decision_counts` (
	`initiative` integer NOT NULL,
	`team` integer NOT NULL,
	`month` integer NOT NULL,
	`accepted` integer NOT NULL,
	`edited` integer NOT NULL,
	`overridden` integer NOT NULL,
	`ignored` integer NOT NULL,
	PRIMARY KEY(`initiative`, `team`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `decision_user_counts` (
	`initiative` integer NOT NULL,
	`team` integer NOT NULL,
	`month` integer NOT NULL,
	`user` integer NOT NULL,
	`total` integer NOT NULL,
	`acted` integer NOT NULL,
	`overridden` integer NOT NULL,
	PRIMARY KEY(`initiative`, `team`, `month`, `user`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `decisions` (
	`initiative` integer NOT NULL,
	`recommendation_id` text NOT NULL,
	`user` integer NOT NULL,
	`ts` integer NOT NULL,
	`month` integer NOT NULL,
	`team` integer NOT NULL,
	`action` integer NOT NULL,
	`reason` text,
	`batch` integer NOT NULL,
	PRIMARY KEY(`initiative`, `recommendation_id`, `user`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`open` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `override_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`initiative_id` text NOT NULL,
	`recommendation_id` text NOT NULL,
	`user_hash` text NOT NULL,
	`verdict` text NOT NULL,
	`reason_code` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `override_reviews_decision` ON `override_reviews` (`initiative_id`,`recommendation_id`,`user_hash`);--> statement-breakpoint
CREATE TABLE `pulse` (
	`month` text NOT NULL,
	`team_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`respondents` integer NOT NULL,
	`trust_mean` real NOT NULL,
	`manual_backup` integer NOT NULL,
	`batch_id` text NOT NULL,
	PRIMARY KEY(`month`, `team_id`, `initiative_id`)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shadow_processes` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`team_id` text NOT NULL,
	`initiative_id` text,
	`kind` text NOT NULL,
	`owner` text,
	`users_involved` integer NOT NULL,
	`reason` text,
	`failure_pattern` text,
	`first_seen` text NOT NULL,
	`retired_on` text
);
--> statement-breakpoint
CREATE TABLE `signal_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signal_keys_value` ON `signal_keys` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `usage` (
	`month` text NOT NULL,
	`team_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`licensed_users` integer NOT NULL,
	`active_users` integer NOT NULL,
	`workflows_started` integer NOT NULL,
	`workflows_completed` integer NOT NULL,
	`batch_id` text NOT NULL,
	PRIMARY KEY(`month`, `team_id`, `initiative_id`)
);
