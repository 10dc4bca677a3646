CREATE TABLE `stakeholder_field_values` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`field_id` text NOT NULL,
	`value` text
);
--> statement-breakpoint
CREATE INDEX `stakeholder_field_values_stakeholder` ON `stakeholder_field_values` (`stakeholder_id`);--> statement-breakpoint
CREATE INDEX `stakeholder_field_values_field` ON `stakeholder_field_values` (`field_id`);--> statement-breakpoint
CREATE TABLE `stakeholder_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`choices` text DEFAULT '[]' NOT NULL,
	`position` integer NOT NULL
);
