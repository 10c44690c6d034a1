-- Fewer index writes per answer and per close. Answers arrive from many users
-- at once, so every index that begins with user_id puts each answer on a page
-- of its own: the answer log had three of them, and they were about 40% of
-- the cost of taking an answer.
--
-- One per-user index now serves every per-user read and covers the columns
-- they need, so none of them visits the table: the first-attempt check (user,
-- question), the questions a user has seen in a chat, /me (recent results,
-- topic progress, activity, streak days) and /forget. The reads that order by
-- time sort one user's rows, which are few.
CREATE INDEX answers_by_user ON answers (user_id, question_id, chat_id, answered_at, correct, topic, session_id);
DROP INDEX answers_user;
DROP INDEX answers_user_chat;
DROP INDEX answers_user_question;

-- One per-chat index instead of two: a chat's recent players and the questions
-- it has seen both read it without visiting the table.
CREATE INDEX answers_by_chat ON answers (chat_id, answered_at, question_id, user_id);
DROP INDEX answers_chat_question;
DROP INDEX answers_chat_time;

-- A user's review cards are found by the primary key (user_id, question_id)
-- and sorted by due date in memory; a second index paid a write per card.
DROP INDEX review_cards_due;
