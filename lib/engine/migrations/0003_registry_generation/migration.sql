-- A generation number bumped by every sync that changes functions. Ingestion reads it in
-- the statement that stores an event, so a process whose in-memory registry is older than
-- a sync committed by another process reloads before routing (no event missed after sync).
create table if not exists engine.registry_state (
  id boolean primary key default true check (id),
  generation bigint not null default 0
);
insert into engine.registry_state (id, generation) values (true, 0) on conflict do nothing;
