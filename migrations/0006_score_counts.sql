-- How many players stand on each points total of each leaderboard, so that a
-- rank is 1 + the players above, summed over a few hundred totals, instead of
-- a COUNT(*) over up to a million rows. Triggers on `scores` keep it in step
-- in the same transaction as every change to a leaderboard row, whoever makes
-- it; `memquiz check` recounts it from `scores`.
CREATE TABLE score_counts (
  scope      TEXT NOT NULL,
  period     TEXT NOT NULL,
  period_key TEXT NOT NULL,
  points     INTEGER NOT NULL,
  players    INTEGER NOT NULL CHECK (players > 0),
  PRIMARY KEY (scope, period, period_key, points)
) STRICT, WITHOUT ROWID;

-- The boards that existed before this migration.
INSERT INTO score_counts (scope, period, period_key, points, players)
  SELECT scope, period, period_key, points, COUNT(*) FROM scores GROUP BY scope, period, period_key, points;

CREATE TRIGGER scores_count_insert AFTER INSERT ON scores
BEGIN
  INSERT INTO score_counts (scope, period, period_key, points, players) VALUES (new.scope, new.period, new.period_key, new.points, 1)
    ON CONFLICT (scope, period, period_key, points) DO UPDATE SET players = players + 1;
END;

-- A total that drops to no players loses its row: the DELETE takes the last
-- player away, the UPDATE any other (exactly one of them matches).
CREATE TRIGGER scores_count_update AFTER UPDATE OF scope, period, period_key, points ON scores
WHEN old.points IS NOT new.points OR old.scope IS NOT new.scope OR old.period IS NOT new.period OR old.period_key IS NOT new.period_key
BEGIN
  DELETE FROM score_counts
    WHERE scope = old.scope AND period = old.period AND period_key = old.period_key AND points = old.points AND players = 1;
  UPDATE score_counts SET players = players - 1
    WHERE scope = old.scope AND period = old.period AND period_key = old.period_key AND points = old.points AND players > 1;
  INSERT INTO score_counts (scope, period, period_key, points, players) VALUES (new.scope, new.period, new.period_key, new.points, 1)
    ON CONFLICT (scope, period, period_key, points) DO UPDATE SET players = players + 1;
END;

CREATE TRIGGER scores_count_delete AFTER DELETE ON scores
BEGIN
  DELETE FROM score_counts
    WHERE scope = old.scope AND period = old.period AND period_key = old.period_key AND points = old.points AND players = 1;
  UPDATE score_counts SET players = players - 1
    WHERE scope = old.scope AND period = old.period AND period_key = old.period_key AND points = old.points AND players > 1;
END;
