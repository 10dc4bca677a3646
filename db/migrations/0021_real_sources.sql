CREATE TABLE `import_mappings` (
	`name` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`definition` text NOT NULL,
	`saved_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`user` text NOT NULL,
	`effective_from` text NOT NULL,
	`team_id` text NOT NULL,
	`region` text,
	`manager` text,
	`batch_id` text NOT NULL,
	PRIMARY KEY(`user`, `effective_from`)
);

--> statement-breakpoint
DROP TRIGGER `import_batches_check_kind_insert`;
--> statement-breakpoint
DROP TRIGGER `import_batches_check_kind_update`;
--> statement-breakpoint
CREATE TRIGGER `import_batches_check_kind_insert` BEFORE INSERT ON `import_batches`
WHEN NEW.`kind` NOT IN ('usage', 'decisions', 'pulse', 'shadow-processes', 'people')
BEGIN SELECT RAISE(ABORT, 'import_batches.kind must be one of usage, decisions, pulse, shadow-processes, people'); END;
--> statement-breakpoint
CREATE TRIGGER `import_batches_check_kind_update` BEFORE UPDATE OF `kind` ON `import_batches`
WHEN NEW.`kind` NOT IN ('usage', 'decisions', 'pulse', 'shadow-processes', 'people')
BEGIN SELECT RAISE(ABORT, 'import_batches.kind must be one of usage, decisions, pulse, shadow-processes, people'); END;
