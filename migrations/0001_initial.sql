-- The first schema: players, chats, sessions, the answer log, points and
-- leaderboards, question statistics, the outbox, idempotency and reports.
-- Times are milliseconds since the epoch (UTC).

CREATE TABLE users (
  id         TEXT PRIMARY KEY,                       -- prefixed: tg:123, dc:456, cli:local
  name       TEXT NOT NULL,
  lang       TEXT CHECK (lang IN ('en', 'ru')),      -- chosen with /lang; NULL follows the platform
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE chats (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('private', 'group')),
  lang       TEXT CHECK (lang IN ('en', 'ru')),
  timezone   TEXT NOT NULL DEFAULT 'UTC',
  settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at INTEGER NOT NULL
) STRICT;

-- Practice runs and rounds. `state` is the session's JSON state; `closes_at`
-- is the current question's deadline, which drives the timers after a restart.
CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  chat_id    TEXT NOT NULL REFERENCES chats (id),
  kind       TEXT NOT NULL CHECK (kind IN ('practice', 'round')),
  status     TEXT NOT NULL CHECK (status IN ('open', 'finished', 'stopped')),
  started_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closes_at  INTEGER,
  state      TEXT NOT NULL CHECK (json_valid(state))
) STRICT;
CREATE INDEX sessions_open ON sessions (chat_id, kind, started_by) WHERE status = 'open';
CREATE INDEX sessions_due ON sessions (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;
-- One round at a time in a chat, enforced by the database as well as the app.
CREATE UNIQUE INDEX sessions_one_round ON sessions (chat_id) WHERE status = 'open' AND kind = 'round';

-- The append-only answer log. The first answer per user and session question counts.
CREATE TABLE answers (
  id             INTEGER PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users (id),
  chat_id        TEXT NOT NULL REFERENCES chats (id),
  question_id    TEXT NOT NULL,
  topic          TEXT NOT NULL,
  session_id     INTEGER NOT NULL REFERENCES sessions (id),
  question_index INTEGER NOT NULL,
  option         INTEGER NOT NULL,
  correct        INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at    INTEGER NOT NULL,
  response_ms    INTEGER NOT NULL CHECK (response_ms >= 0)
) STRICT;
CREATE UNIQUE INDEX answers_once ON answers (session_id, question_index, user_id);
CREATE INDEX answers_user ON answers (user_id, answered_at);
CREATE INDEX answers_chat_question ON answers (chat_id, question_id);
CREATE INDEX answers_user_chat ON answers (user_id, chat_id, answered_at);

-- Points given for answers; the leaderboards below are materialised from these.
CREATE TABLE awards (
  answer_id INTEGER PRIMARY KEY REFERENCES answers (id),
  user_id   TEXT NOT NULL REFERENCES users (id),
  chat_id   TEXT NOT NULL REFERENCES chats (id),
  points    INTEGER NOT NULL CHECK (points >= 0),
  at        INTEGER NOT NULL
) STRICT;

-- Materialised leaderboards: scope is a chat id or 'global'; period_key names
-- the week ('2026-W48') or month ('2026-11') in the scope's time zone, or 'all'.
CREATE TABLE scores (
  scope      TEXT NOT NULL,
  period     TEXT NOT NULL CHECK (period IN ('week', 'month', 'all')),
  period_key TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users (id),
  points     INTEGER NOT NULL,
  PRIMARY KEY (scope, period, period_key, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX scores_rank ON scores (scope, period, period_key, points DESC);

CREATE TABLE question_stats (
  question_id TEXT PRIMARY KEY,
  attempts    INTEGER NOT NULL DEFAULT 0,
  correct     INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL
) STRICT;

-- Platform update ids already handled (idempotency), such as 'tg:update:123'.
CREATE TABLE processed_updates (
  key          TEXT PRIMARY KEY,
  processed_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Messages the bot sends on its own, written with the change that caused them.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  chat_id    TEXT NOT NULL,
  payload    TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  sent_at    INTEGER,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  user_id     TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
