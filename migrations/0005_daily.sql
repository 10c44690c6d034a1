-- The daily question, its schedule, and the archive of closed seasons.

-- Sessions gain the kind 'daily': one question for the whole chat, open until
-- its reveal. SQLite can't alter a CHECK constraint, so the table is rebuilt
-- (the runner turns foreign keys off while migrations run).
CREATE TABLE sessions_new (
  id         INTEGER PRIMARY KEY,
  chat_id    TEXT NOT NULL REFERENCES chats (id),
  kind       TEXT NOT NULL CHECK (kind IN ('practice', 'round', 'daily')),
  status     TEXT NOT NULL CHECK (status IN ('open', 'finished', 'stopped')),
  started_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closes_at  INTEGER,
  state      TEXT NOT NULL CHECK (json_valid(state))
) STRICT;
INSERT INTO sessions_new (id, chat_id, kind, status, started_by, created_at, updated_at, closes_at, state)
  SELECT id, chat_id, kind, status, started_by, created_at, updated_at, closes_at, state FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_open ON sessions (chat_id, kind, started_by) WHERE status = 'open';
CREATE INDEX sessions_due ON sessions (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;
CREATE UNIQUE INDEX sessions_one_round ON sessions (chat_id) WHERE status = 'open' AND kind = 'round';
CREATE UNIQUE INDEX sessions_one_daily ON sessions (chat_id) WHERE status = 'open' AND kind = 'daily';

-- When the chat's next daily question falls due (NULL: the daily question is
-- off). Kept in step with the schedule in `settings`; drives the timer.
ALTER TABLE chats ADD COLUMN daily_next_at INTEGER;
CREATE INDEX chats_daily_due ON chats (daily_next_at) WHERE daily_next_at IS NOT NULL;

-- One row per chat and local date: written in the same transaction as the
-- outbox message that posts it, so a date is never posted twice. A skipped
-- post (the bot was down too long) is recorded with session_id NULL.
CREATE TABLE daily_posts (
  chat_id     TEXT NOT NULL REFERENCES chats (id),
  date        TEXT NOT NULL,                 -- the chat's local date, YYYY-MM-DD
  session_id  INTEGER REFERENCES sessions (id),
  question_id TEXT,
  due_at      INTEGER NOT NULL,
  posted_at   INTEGER NOT NULL,
  PRIMARY KEY (chat_id, date)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX daily_posts_session ON daily_posts (session_id) WHERE session_id IS NOT NULL;

-- Final standings of closed seasons: scope is a chat id or 'global', key the
-- week ('2026-W47') or month ('2026-11'). Written once, when the season closes.
CREATE TABLE season_archive (
  scope      TEXT NOT NULL,
  period     TEXT NOT NULL CHECK (period IN ('week', 'month')),
  period_key TEXT NOT NULL,
  standings  TEXT NOT NULL CHECK (json_valid(standings)),
  closed_at  INTEGER NOT NULL,
  PRIMARY KEY (scope, period, period_key)
) STRICT, WITHOUT ROWID;
