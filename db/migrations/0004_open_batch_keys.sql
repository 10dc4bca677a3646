-- The decisions guards of 0003, same meaning (a decisions row may be written only while its import
-- batch is open), checked with one primary-key probe per row instead of a join of signal_keys and
-- import_batches: an import writes millions of rows. `open_batch_keys` holds the signal_keys ids of
-- the import batches that are open; triggers on import_batches and signal_keys keep it. A key may
-- be added only for an open batch and is never changed; removing one only takes a permission away.
-- Local to this device, like signal_keys: not synced, not exported.
CREATE TABLE `open_batch_keys` (
	`key` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `open_batch_keys_guard_insert` BEFORE INSERT ON `open_batch_keys`
WHEN NOT EXISTS (SELECT 1 FROM `signal_keys` k JOIN `import_batches` b ON b.`id` = k.`value` WHERE k.`id` = NEW.`key` AND k.`kind` = 'batch' AND b.`open` = 1)
BEGIN SELECT RAISE(ABORT, 'open_batch_keys: only the key of an open import batch'); END;
--> statement-breakpoint
CREATE TRIGGER `open_batch_keys_guard_update` BEFORE UPDATE ON `open_batch_keys`
BEGIN SELECT RAISE(ABORT, 'open_batch_keys: keys are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `open_batch_keys_on_signal_key` AFTER INSERT ON `signal_keys`
WHEN NEW.`kind` = 'batch' AND EXISTS (SELECT 1 FROM `import_batches` WHERE `id` = NEW.`value` AND `open` = 1)
BEGIN INSERT OR IGNORE INTO `open_batch_keys` (`key`) VALUES (NEW.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `open_batch_keys_on_batch_insert` AFTER INSERT ON `import_batches`
WHEN NEW.`open` = 1
BEGIN INSERT OR IGNORE INTO `open_batch_keys` (`key`) SELECT `id` FROM `signal_keys` WHERE `kind` = 'batch' AND `value` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `open_batch_keys_on_batch_update` AFTER UPDATE OF `open` ON `import_batches`
BEGIN
DELETE FROM `open_batch_keys` WHERE NEW.`open` = 0 AND `key` IN (SELECT `id` FROM `signal_keys` WHERE `kind` = 'batch' AND `value` = NEW.`id`);
INSERT OR IGNORE INTO `open_batch_keys` (`key`) SELECT `id` FROM `signal_keys` WHERE NEW.`open` = 1 AND `kind` = 'batch' AND `value` = NEW.`id`;
END;
--> statement-breakpoint
INSERT INTO `open_batch_keys` (`key`)
SELECT k.`id` FROM `signal_keys` k JOIN `import_batches` b ON b.`id` = k.`value` WHERE k.`kind` = 'batch' AND b.`open` = 1;
--> statement-breakpoint
DROP TRIGGER `decisions_guard_insert`;
--> statement-breakpoint
CREATE TRIGGER `decisions_guard_insert` BEFORE INSERT ON `decisions`
WHEN NOT EXISTS (SELECT 1 FROM `open_batch_keys` WHERE `key` = NEW.`batch`)
BEGIN SELECT RAISE(ABORT, 'decisions: rows are written only by an import (no open import batch)'); END;
--> statement-breakpoint
DROP TRIGGER `decisions_guard_update`;
--> statement-breakpoint
CREATE TRIGGER `decisions_guard_update` BEFORE UPDATE ON `decisions`
WHEN NOT EXISTS (SELECT 1 FROM `open_batch_keys` WHERE `key` = NEW.`batch`)
BEGIN SELECT RAISE(ABORT, 'decisions: rows are written only by an import (no open import batch)'); END;
