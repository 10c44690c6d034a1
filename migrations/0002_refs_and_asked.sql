-- Platform bookkeeping and the log of questions asked in chats.

-- What a platform needs to find again after a restart: a Telegram poll id
-- leads to its round question, a Discord message id to the one to edit.
CREATE TABLE platform_refs (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every question posted to a chat, answered or not, so that a chat doesn't
-- see a question again before it has seen the rest of the bank.
CREATE TABLE asked_questions (
  chat_id     TEXT NOT NULL REFERENCES chats (id),
  question_id TEXT NOT NULL,
  asked_at    INTEGER NOT NULL,
  PRIMARY KEY (chat_id, question_id)
) STRICT, WITHOUT ROWID;
