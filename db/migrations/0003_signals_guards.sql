-- The write-path guards of 0001 for the synced tables added in 0002, and for batch data: a row of
-- usage, pulse or decisions may be written only while its import batch is open (inside the import
-- transaction that created the batch through the write path), and is never deleted one by one.
CREATE TRIGGER `settings_guard_insert` BEFORE INSERT ON `settings`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'settings' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'settings: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_guard_update` BEFORE UPDATE ON `settings`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'settings' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'settings: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_guard_delete` BEFORE DELETE ON `settings`
BEGIN SELECT RAISE(ABORT, 'settings: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `import_batches_guard_insert` BEFORE INSERT ON `import_batches`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'import_batches' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'import_batches: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `import_batches_guard_update` BEFORE UPDATE ON `import_batches`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'import_batches' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'import_batches: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `import_batches_guard_delete` BEFORE DELETE ON `import_batches`
BEGIN SELECT RAISE(ABORT, 'import_batches: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `shadow_processes_guard_insert` BEFORE INSERT ON `shadow_processes`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'shadow_processes' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'shadow_processes: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `shadow_processes_guard_update` BEFORE UPDATE ON `shadow_processes`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'shadow_processes' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'shadow_processes: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `shadow_processes_guard_delete` BEFORE DELETE ON `shadow_processes`
BEGIN SELECT RAISE(ABORT, 'shadow_processes: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `override_reviews_guard_insert` BEFORE INSERT ON `override_reviews`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'override_reviews' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'override_reviews: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `override_reviews_guard_update` BEFORE UPDATE ON `override_reviews`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'override_reviews' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'override_reviews: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `override_reviews_guard_delete` BEFORE DELETE ON `override_reviews`
BEGIN SELECT RAISE(ABORT, 'override_reviews: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `usage_guard_insert` BEFORE INSERT ON `usage`
WHEN NOT EXISTS (SELECT 1 FROM `import_batches` WHERE `id` = NEW.`batch_id` AND `open` = 1)
BEGIN SELECT RAISE(ABORT, 'usage: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `usage_guard_update` BEFORE UPDATE ON `usage`
WHEN NOT EXISTS (SELECT 1 FROM `import_batches` WHERE `id` = NEW.`batch_id` AND `open` = 1)
BEGIN SELECT RAISE(ABORT, 'usage: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `usage_guard_delete` BEFORE DELETE ON `usage`
BEGIN SELECT RAISE(ABORT, 'usage: imported rows are not deleted one by one'); END;
--> statement-breakpoint
CREATE TRIGGER `pulse_guard_insert` BEFORE INSERT ON `pulse`
WHEN NOT EXISTS (SELECT 1 FROM `import_batches` WHERE `id` = NEW.`batch_id` AND `open` = 1)
BEGIN SELECT RAISE(ABORT, 'pulse: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `pulse_guard_update` BEFORE UPDATE ON `pulse`
WHEN NOT EXISTS (SELECT 1 FROM `import_batches` WHERE `id` = NEW.`batch_id` AND `open` = 1)
BEGIN SELECT RAISE(ABORT, 'pulse: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `pulse_guard_delete` BEFORE DELETE ON `pulse`
BEGIN SELECT RAISE(ABORT, 'pulse: imported rows are not deleted one by one'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_guard_insert` BEFORE INSERT ON `decisions`
WHEN NOT EXISTS (SELECT 1 FROM `signal_keys` k JOIN `import_batches` b ON b.`id` = k.`value` WHERE k.`id` = NEW.`batch` AND k.`kind` = 'batch' AND b.`open` = 1)
BEGIN SELECT RAISE(ABORT, 'decisions: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_guard_update` BEFORE UPDATE ON `decisions`
WHEN NOT EXISTS (SELECT 1 FROM `signal_keys` k JOIN `import_batches` b ON b.`id` = k.`value` WHERE k.`id` = NEW.`batch` AND k.`kind` = 'batch' AND b.`open` = 1)
BEGIN SELECT RAISE(ABORT, 'decisions: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_guard_delete` BEFORE DELETE ON `decisions`
BEGIN SELECT RAISE(ABORT, 'decisions: imported rows are not deleted one by one'); END;
