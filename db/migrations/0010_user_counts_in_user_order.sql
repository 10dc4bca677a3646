-- decision_user_counts keyed in user order (initiative, team, user, month), WITHOUT ROWID like the
-- other signal tables (drizzle-kit does not write that clause), and the covering index of 0005
-- that held the same rows in that order goes with the old table: one B-tree for imports to write.
CREATE TABLE `__new_decision_user_counts` (
	`initiative` integer NOT NULL,
	`team` integer NOT NULL,
	`month` integer NOT NULL,
	`user` integer NOT NULL,
	`total` integer NOT NULL,
	`acted` integer NOT NULL,
	`overridden` integer NOT NULL,
	PRIMARY KEY(`initiative`, `team`, `user`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_decision_user_counts`("initiative", "team", "month", "user", "total", "acted", "overridden") SELECT "initiative", "team", "month", "user", "total", "acted", "overridden" FROM `decision_user_counts`;--> statement-breakpoint
DROP TABLE `decision_user_counts`;--> statement-breakpoint
ALTER TABLE `__new_decision_user_counts` RENAME TO `decision_user_counts`;
