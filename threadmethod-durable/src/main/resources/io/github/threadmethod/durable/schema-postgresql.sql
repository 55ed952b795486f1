-- db-scheduler's table, as threadmethod.durable.initialize-schema creates it on PostgreSQL
create table if not exists scheduled_tasks (
	task_name text not null,
	task_instance text not null,
	task_data bytea,
	execution_time timestamp with time zone not null,
	picked boolean not null,
	picked_by text,
	last_success timestamp with time zone,
	last_failure timestamp with time zone,
	consecutive_failures int,
	last_heartbeat timestamp with time zone,
	version bigint not null,
	priority smallint,
	primary key (task_name, task_instance)
);
create index if not exists execution_time_idx on scheduled_tasks (execution_time);
create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
-- threadmethod's marks of the durable calls done, for the tasks whose effects are 'once'
create table if not exists threadmethod_done_calls (
	task_instance text not null,
	call_stored text not null,
	done_at timestamp with time zone not null,
	primary key (task_instance, call_stored)
);
create index if not exists threadmethod_done_calls_done_at_idx on threadmethod_done_calls (done_at);
