-- Each block's own receipt (docs/adr/0053, 0054): the events of its work after its transactions —
-- the fees shared out and the native programs' end-of-block hooks (deposit refunds and burns,
-- treasury spends, staking inflation, rewards, leaks and slashes). Written in the block's database
-- transaction like everything else. Blocks indexed before this migration have none (re-index from
-- genesis to see them).

-- The canonical BlockReceipt bytes (its leaf in the block's receipts tree); null for genesis and
-- for blocks streamed by a node that did not send one.
ALTER TABLE blocks ADD COLUMN block_receipt_raw bytea;

CREATE TABLE block_events (
  height       bigint  NOT NULL REFERENCES blocks (height),
  idx          integer NOT NULL,
  emitter      bytea   NOT NULL,
  program_name text,
  topic        bytea   NOT NULL,
  data         bytea   NOT NULL,
  -- The value event's fields when the event is one (kind credit, debit, burn or slash); null else.
  kind         text,
  account      bytea,
  asset        bytea,
  amount       numeric(39,0),
  cause        text,
  ref          bytea,
  PRIMARY KEY (height, idx)
);
CREATE INDEX block_events_account ON block_events (account, height DESC) WHERE account IS NOT NULL;
CREATE INDEX block_events_cause ON block_events (program_name, cause, height DESC);
