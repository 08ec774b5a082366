-- Issue 15. The amount approved, written on the case record by the server when the resolution is approved (from
-- the investigator's proposal, never from the approver's variables); execution, notifications and the timeline read
-- it from here. Cleared when the resolution is sent back.
ALTER TABLE complaint ADD COLUMN approved_amount DECIMAL(19, 2);
ALTER TABLE complaint ADD COLUMN approved_by VARCHAR(64);
ALTER TABLE complaint ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;

-- One process per complaint number: the process that registered the case claims its number here, and a second
-- process for the same number fails on the primary key, whatever way it was started.
CREATE TABLE complaint_process (
    complaint_number     VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES complaint (complaint_number),
    process_instance_id  VARCHAR(64)    NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX ux_complaint_process_instance ON complaint_process (process_instance_id);

INSERT INTO complaint_process (complaint_number, process_instance_id, started_at)
    SELECT complaint_number, process_instance_id, received_at FROM complaint WHERE process_instance_id IS NOT NULL;
