create table if not exists job (
	id uuid primary key,
	state varchar(16) not null,
	submitted_at timestamp(9) with time zone not null,
	started_at timestamp(9) with time zone,
	finished_at timestamp(9) with time zone,
	words int,
	distinct_words int,
	top_words varchar(1000),
	sha256 varchar(64),
	error varchar(1000)
);

create index if not exists job_submitted_at on job (submitted_at);
