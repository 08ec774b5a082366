-- The public status page's limits per source address (io.redress.tracking.SourceLimit: failed look-ups, complaints
-- by the public form), shared by all nodes. The address is kept as a keyed hash, only until its window has ended.
CREATE TABLE source_limit (
    limit_name           VARCHAR(32)    NOT NULL,
    source_key           VARCHAR(64)    NOT NULL,
    window_start         TIMESTAMP WITH TIME ZONE NOT NULL,
    hits                 INTEGER        NOT NULL,
    PRIMARY KEY (limit_name, source_key)
);
