-- The job table on H2 (schema-postgresql.sql on PostgreSQL)
create table if not exists job (
	id uuid primary key,
	state varchar(16) not null,
	mode varchar(16) not null,
	attempts int not null default 0,
	submitted_at timestamp(9) with time zone not null,
	started_at timestamp(9) with time zone,
	finished_at timestamp(9) with time zone,
	words int,
	distinct_words int,
	top_words varchar(1000),
	sha256 varchar(64),
	error varchar(1000)
);

-- Data directories of earlier versions of the sample have the table without these
alter table job add column if not exists mode varchar(16) not null default 'thread';
alter table job add column if not exists attempts int not null default 0;

create index if not exists job_submitted_at on job (submitted_at);
