-- Which broker node holds a connection of a device, when several nodes share the database: an application's call
-- on one node (RPC, a shared-attribute push, an answer to the device's own request) is handed to the node that
-- holds the device. Written only when nodes share the database; rows of a node that stopped are removed by the
-- others.
CREATE TABLE device_node (
    device_id TEXT    NOT NULL,
    node      INTEGER NOT NULL,
    since     BIGINT  NOT NULL,
    PRIMARY KEY (device_id, node)
);
CREATE INDEX device_node_by_node ON device_node (node);
