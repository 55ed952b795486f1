-- The job table on PostgreSQL (schema-h2.sql on H2).
-- Instances that start together must not race to create it: two concurrent "create table
-- if not exists" can both find no table, and one then fails. So the DDL runs as one
-- statement, a DO block (quoted with '...', which Spring's script runner does not split),
-- that first takes a transaction-scoped advisory lock: the second instance waits for the
-- first to commit, then finds the table. The lock's key is the ASCII of "jobtable".
do '
begin
	perform pg_advisory_xact_lock(7669456942424812645);
	create table if not exists job (
		id uuid primary key,
		state varchar(16) not null,
		mode varchar(16) not null,
		attempts int not null default 0,
		submitted_at timestamp with time zone not null,
		started_at timestamp with time zone,
		finished_at timestamp with time zone,
		words int,
		distinct_words int,
		top_words varchar(1000),
		sha256 varchar(64),
		error varchar(1000)
	);
	create index if not exists job_submitted_at on job (submitted_at);
end
';
