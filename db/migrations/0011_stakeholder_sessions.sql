CREATE TABLE `session_attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`session_id` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`sentiment` text
);
--> statement-breakpoint
CREATE INDEX `session_attendees_session` ON `session_attendees` (`session_id`);--> statement-breakpoint
CREATE INDEX `session_attendees_stakeholder` ON `session_attendees` (`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `stakeholder_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`what` text NOT NULL,
	`owner_member_id` text NOT NULL,
	`due` text NOT NULL,
	`status` text NOT NULL,
	`session_id` text,
	`stakeholder_id` text
);
--> statement-breakpoint
CREATE TABLE `stakeholder_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`initiative_id` text,
	`facilitator_member_id` text NOT NULL,
	`notes` text,
	`decisions` text
);
--> statement-breakpoint
CREATE INDEX `stakeholder_sessions_at` ON `stakeholder_sessions` (`at`);--> statement-breakpoint
ALTER TABLE `stakeholder_concerns` ADD `raised_in_session_id` text;--> statement-breakpoint
ALTER TABLE `stakeholder_concerns` ADD `addressed_in_session_id` text;--> statement-breakpoint
ALTER TABLE `stakeholders` ADD `rated_at` text;--> statement-breakpoint
ALTER TABLE `stakeholders` ADD `rated_in_session_id` text;