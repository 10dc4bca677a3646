DROP INDEX `session_attendees_session`;--> statement-breakpoint
CREATE INDEX `session_attendees_session` ON `session_attendees` (`session_id`,`deleted`,`stakeholder_id`);