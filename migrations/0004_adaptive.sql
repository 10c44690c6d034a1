-- The adaptive engine's state: each learner's ability (overall and per topic),
-- each question's calibrated difficulty, and spaced-review cards.

-- Ability summaries as small JSON objects ({ mean, sd, n, ... }); topic '' is overall.
CREATE TABLE abilities (
  user_id    TEXT NOT NULL REFERENCES users (id),
  topic      TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (json_valid(state)),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, topic)
) STRICT, WITHOUT ROWID;

-- A question's difficulty b on the ability scale and how many first attempts calibrated it.
ALTER TABLE question_stats ADD COLUMN difficulty TEXT CHECK (difficulty IS NULL OR json_valid(difficulty));

-- FSRS review cards: one per user and question that the user got wrong.
CREATE TABLE review_cards (
  user_id     TEXT NOT NULL REFERENCES users (id),
  question_id TEXT NOT NULL,
  card        TEXT NOT NULL CHECK (json_valid(card)),
  due_at      INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_cards_due ON review_cards (user_id, due_at);

-- "Has this user answered this question before?" decides first attempts.
CREATE INDEX answers_user_question ON answers (user_id, question_id);
-- A chat's recent players, whose median ability a round aims at.
CREATE INDEX answers_chat_time ON answers (chat_id, answered_at);
