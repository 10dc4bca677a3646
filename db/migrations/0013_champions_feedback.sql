CREATE TABLE `champion_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`program_id` text NOT NULL,
	`champion_id` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`attendance` integer NOT NULL,
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `champion_activities_program` ON `champion_activities` (`program_id`);--> statement-breakpoint
CREATE TABLE `champion_programs` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`initiative_id` text NOT NULL,
	`coverage_target` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `champions` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`program_id` text NOT NULL,
	`member_id` text NOT NULL,
	`team_id` text NOT NULL,
	`since` text NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `champions_program` ON `champions` (`program_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`initiative_id` text NOT NULL,
	`model_version` text,
	`team_id` text NOT NULL,
	`case_ref` text,
	`ai_said` text NOT NULL,
	`what_was_right` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`confidently_wrong` integer DEFAULT false NOT NULL,
	`stated_confidence` integer,
	`caught` text NOT NULL,
	`reporter_id` text,
	`reported_at` text NOT NULL,
	`status` text NOT NULL,
	`assignee_id` text,
	`resolved_version` text,
	`duplicate_of_id` text
);
--> statement-breakpoint
CREATE INDEX `feedback_initiative` ON `feedback` (`initiative_id`,`status`);