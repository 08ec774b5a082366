-- H2 hands out the values of an identity column from a margin kept in memory and writes the new margin to its file
-- each time the margin is used up, as a commit of its own (H2's Sequence.flush): with H2's default margin of 32
-- values that was an extra commit every three to four complaints taken in (three timeline entries and five deadline
-- rows each), every one of them writing the pages all open transactions had changed so far. 1,024 values per
-- margin: one such commit every hundred-odd complaints. After a kill -9 the numbering goes on after the margin
-- written last, so ids skip up to 1,024 values; nothing reads meaning into these ids (complaint numbers come from
-- complaint_number_seq, left as it is). io.redress.cluster.H2Identities still repairs an identity left behind its rows.
ALTER TABLE complaint_event ALTER COLUMN id SET CACHE 1024;
ALTER TABLE case_deadline ALTER COLUMN id SET CACHE 1024;
ALTER TABLE outbound_message ALTER COLUMN id SET CACHE 1024;
ALTER TABLE audit_event ALTER COLUMN id SET CACHE 1024;
ALTER TABLE customer_contact ALTER COLUMN id SET CACHE 1024;
ALTER TABLE complaint_feedback ALTER COLUMN id SET CACHE 1024;
ALTER TABLE customer_detail ALTER COLUMN id SET CACHE 1024;
ALTER TABLE case_evidence ALTER COLUMN id SET CACHE 1024;
ALTER TABLE outbound_attachment ALTER COLUMN id SET CACHE 1024;
ALTER TABLE erasure ALTER COLUMN id SET CACHE 1024;
