-- A lease on an outbox message while one process delivers it, so that two
-- processes sharing the database (Discord shards) never send it twice. A
-- lease that runs out (the process died) lets another process retry.
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
