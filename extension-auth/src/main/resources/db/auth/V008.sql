-- The connections each device has, one row per (node, broker-side client ID): a device is active while it has a
-- row. With several broker nodes on one database each node writes its own rows, and the rows of a node that
-- stopped (it crashed, say) are removed by the others, so status and connection events hold across nodes.
CREATE TABLE device_connection (
    device_id    TEXT    NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    node         INTEGER NOT NULL,
    client_id    TEXT    NOT NULL,
    connected_at BIGINT  NOT NULL,
    PRIMARY KEY (device_id, node, client_id)
);
CREATE INDEX device_connection_by_node ON device_connection (node);
