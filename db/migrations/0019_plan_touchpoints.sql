CREATE TABLE `plan_touchpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`last_hlc` text NOT NULL,
	`message` text NOT NULL,
	`channel` text NOT NULL,
	`team_id` text,
	`tag` text,
	`every_days` integer,
	`owner_member_id` text NOT NULL,
	`start_on` text NOT NULL,
	`last_delivered_on` text,
	`last_session_id` text
);
