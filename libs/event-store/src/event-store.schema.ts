/**
 * DDL of the event store, shared by every service's first migration (each
 * service runs it in its own schema). `transaction_id` lets readers of all
 * events wait for transactions that commit late (see readAll). The events
 * table is itself the outbox of published events (the relay keeps a
 * checkpoint); the outbox table holds only other messages.
 */
export const eventStoreTablesSql = [
  `create table streams (stream_id text primary key, version integer not null)`,
  `create table events (
     global_position bigint generated always as identity primary key,
     transaction_id xid8 not null default pg_current_xact_id(),
     stream_id text not null,
     version integer not null,
     event_id uuid not null,
     type text not null,
     schema_version smallint not null,
     data jsonb not null,
     metadata jsonb not null,
     unique (stream_id, version)
   )`,
  `create index events_commit_order on events (transaction_id, global_position)`,
  `create table snapshots (stream_id text primary key, version integer not null, state jsonb not null)`,
  `create table outbox (
     id bigint generated always as identity primary key,
     message_id text not null,
     subject text not null,
     payload jsonb not null,
     headers jsonb not null
   )`,
  `create table checkpoints (name text primary key, transaction_id xid8 not null, global_position bigint not null)`,
  `create table inbox (
     consumer text not null,
     message_id text not null,
     processed_at timestamptz not null default now(),
     primary key (consumer, message_id)
   )`,
];

export const dropEventStoreTablesSql = ['drop table inbox', 'drop table checkpoints', 'drop table outbox', 'drop table snapshots', 'drop table events', 'drop table streams'];
