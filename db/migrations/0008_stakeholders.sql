CREATE TABLE `stakeholder_concerns` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text,
	`status` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `stakeholder_concerns_stakeholder` ON `stakeholder_concerns` (`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `stakeholders` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`team_id` text NOT NULL,
	`email` text,
	`influence` integer NOT NULL,
	`interest` integer NOT NULL,
	`support` text NOT NULL,
	`awareness` integer,
	`desire` integer,
	`knowledge` integer,
	`ability` integer,
	`reinforcement` integer,
	`owner_member_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text
);
