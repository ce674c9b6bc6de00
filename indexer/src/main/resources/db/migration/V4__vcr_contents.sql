-- One transaction may submit receipts for, or dispute, several jobs (up to 16 calls): a row per
-- (transaction, job). Keyed by the transaction alone, a second one in the same transaction made the
-- block's write fail and stopped the follower at that height for good.
ALTER TABLE vcrs DROP CONSTRAINT vcrs_pkey;
ALTER TABLE vcrs ADD PRIMARY KEY (tx_hash, job_id);
ALTER TABLE disputes DROP CONSTRAINT disputes_pkey;
ALTER TABLE disputes ADD PRIMARY KEY (tx_hash, job_id);

-- What the receipt says, decoded from its submitVCR / revealVCR call with the jobs program's own
-- codec (null for rows indexed before this migration). The chain checked the receipt (signature,
-- attestation, trace commitment) before it emitted the event that made this row.
ALTER TABLE vcrs
  ADD COLUMN kind          text,
  ADD COLUMN input_hash    bytea,
  ADD COLUMN model_hash    bytea,
  ADD COLUMN code_hash     bytea,
  ADD COLUMN output_hash   bytea,
  ADD COLUMN seed          numeric(20,0),
  ADD COLUMN trace_steps   integer,
  ADD COLUMN quote_bytes   integer,
  ADD COLUMN trace_commitment bytea;
