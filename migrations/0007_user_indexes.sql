-- /forget deletes a user's awards and leaderboard rows, and deleting the user
-- row makes SQLite check every table that refers to it. Without these indexes
-- each of those is a scan of the whole table: seconds under the write lock on
-- a database with millions of awards. scores_user gains an entry only when a
-- user first appears on a board (points updates don't touch it).
CREATE INDEX awards_user ON awards (user_id);
CREATE INDEX scores_user ON scores (user_id);
