-- Nothing changes synced data behind the write path: every insert or update must carry a
-- last_hlc for which the change log holds a record of this row, and rows are never hard-deleted.
-- The change log itself is append-only: it is the audit trail.
CREATE TRIGGER `workspace_guard_insert` BEFORE INSERT ON `workspace`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'workspace' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'workspace: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `workspace_guard_update` BEFORE UPDATE ON `workspace`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'workspace' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'workspace: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `workspace_guard_delete` BEFORE DELETE ON `workspace`
BEGIN SELECT RAISE(ABORT, 'workspace: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `members_guard_insert` BEFORE INSERT ON `members`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'members' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'members: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `members_guard_update` BEFORE UPDATE ON `members`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'members' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'members: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `members_guard_delete` BEFORE DELETE ON `members`
BEGIN SELECT RAISE(ABORT, 'members: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `teams_guard_insert` BEFORE INSERT ON `teams`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'teams' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'teams: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `teams_guard_update` BEFORE UPDATE ON `teams`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'teams' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'teams: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `teams_guard_delete` BEFORE DELETE ON `teams`
BEGIN SELECT RAISE(ABORT, 'teams: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `initiatives_guard_insert` BEFORE INSERT ON `initiatives`
WHEN NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'initiatives' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'initiatives: a row was inserted without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `initiatives_guard_update` BEFORE UPDATE ON `initiatives`
WHEN NEW.`last_hlc` IS OLD.`last_hlc` OR NEW.`id` IS NOT OLD.`id` OR NOT EXISTS (SELECT 1 FROM `change_log` WHERE `tbl` = 'initiatives' AND `row_id` = NEW.`id` AND `hlc` = NEW.`last_hlc`)
BEGIN SELECT RAISE(ABORT, 'initiatives: a row was changed without a change-log record (use the write path)'); END;
--> statement-breakpoint
CREATE TRIGGER `initiatives_guard_delete` BEFORE DELETE ON `initiatives`
BEGIN SELECT RAISE(ABORT, 'initiatives: synced rows are never deleted; set deleted through the write path'); END;
--> statement-breakpoint
CREATE TRIGGER `change_log_append_only_update` BEFORE UPDATE ON `change_log`
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `change_log_append_only_delete` BEFORE DELETE ON `change_log`
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
