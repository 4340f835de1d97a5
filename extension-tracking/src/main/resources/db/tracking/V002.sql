-- The broker node whose connection last reported for the device (with connected_client): several nodes may share
-- the database, and a node that stops leaves its devices to be disconnected by the others (or by its own next start).
ALTER TABLE tracker ADD COLUMN connected_node INTEGER;
