-- Aether indexer schema, version 1: blocks, transactions, receipts, events, balances, staking,
-- validators, jobs. Written one PostgreSQL transaction per block (docs/indexer.md).
-- Conventions: hashes, addresses and raw canonical bytes are bytea; u128 amounts are
-- numeric(39,0) (2^128 - 1 has 39 digits; balance deltas carry a sign); heights, slots, rounds and
-- nonces are bigint (u64 values above 2^63 - 1 do not occur on a live chain and are refused).

-- Where the indexer stands: the last block written, in the same transaction as the block.
CREATE TABLE cursor (
  id          smallint PRIMARY KEY CHECK (id = 1),
  height      bigint NOT NULL,
  block_hash  bytea  NOT NULL,
  genesis_hash bytea NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blocks (
  height        bigint PRIMARY KEY,
  hash          bytea  NOT NULL UNIQUE,
  parent_hash   bytea  NOT NULL,
  slot          bigint NOT NULL,
  round         bigint NOT NULL,
  proposer      integer NOT NULL,
  tx_root       bytea  NOT NULL,
  state_root    bytea  NOT NULL,
  receipts_root bytea  NOT NULL,
  shred_root    bytea  NOT NULL,
  qc_round      bigint NOT NULL,
  qc_signers    integer NOT NULL,
  timeout_round bigint,
  tx_count      integer NOT NULL,
  size_bytes    integer NOT NULL,
  fees          numeric(39,0) NOT NULL,
  header_raw    bytea  NOT NULL,
  indexed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blocks_slot ON blocks (slot);

CREATE TABLE transactions (
  hash        bytea  PRIMARY KEY,
  height      bigint NOT NULL REFERENCES blocks (height),
  idx         integer NOT NULL,
  payer       bytea  NOT NULL,
  nonce       bigint NOT NULL,
  kind        text   NOT NULL,
  fee_cap     numeric(39,0) NOT NULL,
  valid_from  bigint NOT NULL,
  valid_until bigint NOT NULL,
  size_bytes  integer NOT NULL,
  status      text   NOT NULL,
  fee_paid    numeric(39,0) NOT NULL,
  steps       bigint NOT NULL,
  mem_bytes   bigint NOT NULL,
  error_code  integer NOT NULL,
  raw         bytea  NOT NULL,
  receipt_raw bytea  NOT NULL,
  UNIQUE (height, idx)
);
CREATE INDEX transactions_payer ON transactions (payer, height DESC, idx DESC);
CREATE INDEX transactions_kind ON transactions (kind, height DESC, idx DESC);

CREATE TABLE calls (
  tx_hash bytea   NOT NULL REFERENCES transactions (hash),
  idx     integer NOT NULL,
  program bytea   NOT NULL,
  program_name text,
  method  text    NOT NULL,
  args    bytea   NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);

CREATE TABLE events (
  tx_hash  bytea   NOT NULL REFERENCES transactions (hash),
  idx      integer NOT NULL,
  height   bigint  NOT NULL,
  emitter  bytea   NOT NULL,
  topic    bytea   NOT NULL,
  data     bytea   NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX events_topic ON events (topic, height DESC);

-- Every account a transaction names (payer, signer, transfer recipient, output owner, spent
-- input's owner, staking validator): an account's history.
CREATE TABLE account_txs (
  address bytea   NOT NULL,
  height  bigint  NOT NULL,
  idx     integer NOT NULL,
  tx_hash bytea   NOT NULL REFERENCES transactions (hash),
  role    text    NOT NULL,
  PRIMARY KEY (address, height, idx, role)
);
CREATE INDEX account_txs_tx ON account_txs (tx_hash);

-- Each change of an account's (or its UTxOs') balance in one asset, with its cause.
CREATE TABLE balance_changes (
  height  bigint  NOT NULL,
  tx_hash bytea,
  seq     integer NOT NULL,
  address bytea   NOT NULL,
  asset   bytea   NOT NULL,
  delta   numeric(40,0) NOT NULL,
  cause   text    NOT NULL,
  PRIMARY KEY (height, seq)
);
CREATE INDEX balance_changes_address ON balance_changes (address, height DESC, seq DESC);

-- Running sums of balance_changes (what the chain's accounts + UTxOs hold, as far as the
-- indexer can see; docs/indexer.md says which flows it does not see).
CREATE TABLE balances (
  address bytea NOT NULL,
  asset   bytea NOT NULL,
  amount  numeric(40,0) NOT NULL,
  updated_height bigint NOT NULL,
  PRIMARY KEY (address, asset)
);

CREATE TABLE utxos (
  tx_hash bytea   NOT NULL,
  idx     integer NOT NULL,
  owner   bytea   NOT NULL,
  value   bytea   NOT NULL,
  created_height bigint NOT NULL,
  spent_height   bigint,
  spent_tx       bytea,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX utxos_owner ON utxos (owner) WHERE spent_height IS NULL;

-- Staking program calls, from its events (amounts as the program reported them).
CREATE TABLE staking_actions (
  tx_hash   bytea   NOT NULL REFERENCES transactions (hash),
  idx       integer NOT NULL,
  height    bigint  NOT NULL,
  method    text    NOT NULL,
  account   bytea   NOT NULL,
  validator bytea   NOT NULL,
  amount    numeric(78,0) NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX staking_actions_validator ON staking_actions (validator, height DESC);

-- The node's view of every registered validator (aeth_getValidators), refreshed as blocks are
-- indexed: a current view, not a history.
CREATE TABLE validators (
  address          bytea PRIMARY KEY,
  idx              integer,
  name             text   NOT NULL,
  stake            numeric(39,0) NOT NULL,
  self_bond        numeric(39,0) NOT NULL,
  delegated        numeric(39,0) NOT NULL,
  commission_bps   integer NOT NULL,
  status           text   NOT NULL,
  missed_rounds    bigint NOT NULL,
  certified_rounds bigint NOT NULL,
  jailed_until_epoch bigint,
  bls_key          bytea,
  updated_height   bigint NOT NULL
);

-- AI jobs (program `jobs`), from its events `jobs.<name>` whose data is the job id.
CREATE TABLE jobs (
  job_id          bytea PRIMARY KEY,
  status          text   NOT NULL,
  poster          bytea,
  provider        bytea,
  posted_height   bigint,
  posted_tx       bytea,
  updated_height  bigint NOT NULL,
  vcr_tx          bytea,
  model_hash      bytea,
  max_price       numeric(39,0)
);
CREATE INDEX jobs_status ON jobs (status, updated_height DESC);
CREATE INDEX jobs_provider ON jobs (provider, updated_height DESC);

CREATE TABLE job_events (
  job_id  bytea   NOT NULL,
  tx_hash bytea   NOT NULL REFERENCES transactions (hash),
  idx     integer NOT NULL,
  height  bigint  NOT NULL,
  event   text    NOT NULL,
  actor   bytea   NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX job_events_job ON job_events (job_id, height);

-- Verifiable compute receipts submitted for jobs (submitVCR calls), and disputes (challengeVCR).
CREATE TABLE vcrs (
  tx_hash  bytea  PRIMARY KEY REFERENCES transactions (hash),
  job_id   bytea  NOT NULL,
  height   bigint NOT NULL,
  provider bytea  NOT NULL,
  size_bytes integer NOT NULL
);
CREATE INDEX vcrs_job ON vcrs (job_id);

CREATE TABLE disputes (
  tx_hash    bytea  PRIMARY KEY REFERENCES transactions (hash),
  job_id     bytea  NOT NULL,
  height     bigint NOT NULL,
  challenger bytea  NOT NULL,
  outcome    text   NOT NULL
);
CREATE INDEX disputes_job ON disputes (job_id);
