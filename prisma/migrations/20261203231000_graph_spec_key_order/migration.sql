-- A graph version's spec is kept as written (`json`), not normalised (`jsonb`, which reorders
-- object keys): the order of an input schema's properties is the order its form shows them in.
-- Specs saved before this keep the order jsonb gave them; the next save of a graph keeps its order.
ALTER TABLE "GraphVersion" ALTER COLUMN "spec" SET DATA TYPE JSON USING "spec"::json;
