-- import_batches.kind gains "stakeholders" (IMPORT_KINDS): its value check is dropped and created again as `npm run db:guards` (db/guards.ts) writes it.
DROP TRIGGER `import_batches_check_kind_insert`;
--> statement-breakpoint
DROP TRIGGER `import_batches_check_kind_update`;
--> statement-breakpoint
CREATE TRIGGER `import_batches_check_kind_insert` BEFORE INSERT ON `import_batches`
WHEN NEW.`kind` NOT IN ('usage', 'decisions', 'pulse', 'shadow-processes', 'people', 'stakeholders')
BEGIN SELECT RAISE(ABORT, 'import_batches.kind must be one of usage, decisions, pulse, shadow-processes, people, stakeholders'); END;
--> statement-breakpoint
CREATE TRIGGER `import_batches_check_kind_update` BEFORE UPDATE OF `kind` ON `import_batches`
WHEN NEW.`kind` NOT IN ('usage', 'decisions', 'pulse', 'shadow-processes', 'people', 'stakeholders')
BEGIN SELECT RAISE(ABORT, 'import_batches.kind must be one of usage, decisions, pulse, shadow-processes, people, stakeholders'); END;
