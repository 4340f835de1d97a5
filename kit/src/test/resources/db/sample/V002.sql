-- a second migration
CREATE INDEX item_owner ON item (owner_id);
