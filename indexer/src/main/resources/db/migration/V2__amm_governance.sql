-- Aether indexer schema, version 2: the AMM (pools, liquidity, swaps) and governance (proposals,
-- deposits, votes, treasury payments). Block data, written in the block's one transaction like
-- version 1 (ADR 0040), decoded from the programs' events and call arguments (docs/indexer.md).
-- Same conventions as V1: bytea hashes/addresses/asset ids, numeric(39,0) u128 amounts.

-- One row per pool: its pair in canonical order (asset_a < asset_b), LP token, fee, and the
-- reserves and LP supply the indexed blocks leave it with (genesis pools from the genesis file,
-- then every amm.add / amm.remove / amm.swap applied in order). complete is false for a pool the
-- indexer first saw mid-life (a genesis pool when it runs without --genesis): its fee is unknown and
-- its reserves and supply are only the changes seen since.
CREATE TABLE pools (
  asset_a        bytea   NOT NULL,
  asset_b        bytea   NOT NULL,
  lp_asset       bytea   NOT NULL UNIQUE,
  fee_bps        integer,
  complete       boolean NOT NULL,
  reserve_a      numeric(39,0) NOT NULL,
  reserve_b      numeric(39,0) NOT NULL,
  lp_supply      numeric(39,0) NOT NULL,
  created_height bigint  NOT NULL,
  created_tx     bytea,
  swap_count     bigint  NOT NULL DEFAULT 0,
  updated_height bigint  NOT NULL,
  PRIMARY KEY (asset_a, asset_b),
  CHECK (asset_a < asset_b)
);

-- Liquidity added to or removed from a pool (amm.add / amm.remove), amounts in pool order.
CREATE TABLE amm_liquidity (
  tx_hash  bytea   NOT NULL REFERENCES transactions (hash),
  idx      integer NOT NULL,
  height   bigint  NOT NULL,
  provider bytea   NOT NULL,
  action   text    NOT NULL CHECK (action IN ('add', 'remove')),
  asset_a  bytea   NOT NULL,
  asset_b  bytea   NOT NULL,
  amount_a numeric(39,0) NOT NULL,
  amount_b numeric(39,0) NOT NULL,
  shares   numeric(39,0) NOT NULL,
  PRIMARY KEY (tx_hash, idx),
  FOREIGN KEY (asset_a, asset_b) REFERENCES pools (asset_a, asset_b)
);
CREATE INDEX amm_liquidity_pool ON amm_liquidity (asset_a, asset_b, height DESC);
CREATE INDEX amm_liquidity_provider ON amm_liquidity (provider, height DESC);

-- A swap (amm.swap event): its route, exact side, and what went in and came out.
CREATE TABLE amm_swaps (
  tx_hash    bytea   NOT NULL REFERENCES transactions (hash),
  idx        integer NOT NULL,
  height     bigint  NOT NULL,
  trader     bytea   NOT NULL,
  exact      text    NOT NULL CHECK (exact IN ('in', 'out')),
  asset_in   bytea   NOT NULL,
  asset_out  bytea   NOT NULL,
  amount_in  numeric(39,0) NOT NULL,
  amount_out numeric(39,0) NOT NULL,
  hops       integer NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX amm_swaps_trader ON amm_swaps (trader, height DESC, idx DESC);

-- Each hop of a swap through one pool (a route of n assets has n - 1 hops).
CREATE TABLE amm_swap_hops (
  tx_hash    bytea   NOT NULL,
  idx        integer NOT NULL,
  hop        integer NOT NULL,
  height     bigint  NOT NULL,
  asset_a    bytea   NOT NULL,
  asset_b    bytea   NOT NULL,
  asset_in   bytea   NOT NULL,
  amount_in  numeric(39,0) NOT NULL,
  amount_out numeric(39,0) NOT NULL,
  PRIMARY KEY (tx_hash, idx, hop),
  FOREIGN KEY (tx_hash, idx) REFERENCES amm_swaps (tx_hash, idx),
  FOREIGN KEY (asset_a, asset_b) REFERENCES pools (asset_a, asset_b)
);
CREATE INDEX amm_swap_hops_pool ON amm_swap_hops (asset_a, asset_b, height DESC);

-- Governance proposals as submitted (governance.submit event + the submit call's arguments).
-- status: 'deposit' or 'voting' as the blocks show it (a deposit event says which); the outcome
-- of a tally, which happens at the end of a block and emits no event, is in proposal_views.
CREATE TABLE proposals (
  id             bigint  PRIMARY KEY,
  tx_hash        bytea   NOT NULL REFERENCES transactions (hash),
  height         bigint  NOT NULL,
  proposer       bytea   NOT NULL,
  kind           text    NOT NULL,
  title          text    NOT NULL,
  description    text    NOT NULL,
  changes        jsonb,
  upgrade_version integer,
  upgrade_height bigint,
  upgrade_release text,
  total_deposit  numeric(39,0) NOT NULL,
  status         text    NOT NULL,
  vote_count     bigint  NOT NULL DEFAULT 0,
  updated_height bigint  NOT NULL
);
CREATE INDEX proposals_proposer ON proposals (proposer, id DESC);

-- Deposits (the submit's own deposit included), in order.
CREATE TABLE gov_deposits (
  tx_hash     bytea   NOT NULL REFERENCES transactions (hash),
  idx         integer NOT NULL,
  height      bigint  NOT NULL,
  proposal_id bigint  NOT NULL REFERENCES proposals (id),
  depositor   bytea   NOT NULL,
  amount      numeric(39,0) NOT NULL,
  status_after text   NOT NULL,
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX gov_deposits_proposal ON gov_deposits (proposal_id, height);

-- Votes as cast (a voter may vote again while voting lasts: the latest one counts).
CREATE TABLE gov_votes (
  tx_hash     bytea   NOT NULL REFERENCES transactions (hash),
  idx         integer NOT NULL,
  height      bigint  NOT NULL,
  proposal_id bigint  NOT NULL REFERENCES proposals (id),
  voter       bytea   NOT NULL,
  option      text    NOT NULL CHECK (option IN ('yes', 'no', 'abstain', 'veto')),
  PRIMARY KEY (tx_hash, idx)
);
CREATE INDEX gov_votes_proposal ON gov_votes (proposal_id, voter, height DESC, idx DESC);
CREATE INDEX gov_votes_voter ON gov_votes (voter, height DESC);

-- The payments a treasury_spend proposal asks for (paid only if it passes: proposal_views).
CREATE TABLE treasury_payments (
  proposal_id bigint  NOT NULL REFERENCES proposals (id),
  idx         integer NOT NULL,
  recipient   bytea   NOT NULL,
  asset       bytea   NOT NULL,
  amount      numeric(39,0) NOT NULL,
  PRIMARY KEY (proposal_id, idx)
);
CREATE INDEX treasury_payments_recipient ON treasury_payments (recipient);

-- The node's view of each proposal (aeth_getProposals): status after tallies, tally by bonded
-- stake, outcome, periods. A current view like validators, refreshed as blocks are indexed and
-- stamped with the indexed height it was read at; not part of the exactly-once block data.
-- Finished proposals keep the last status read (final statuses never change).
CREATE TABLE proposal_views (
  id                bigint PRIMARY KEY,
  status            text   NOT NULL,
  outcome           text   NOT NULL,
  submit_slot       bigint NOT NULL,
  deposit_end_slot  bigint NOT NULL,
  voting_start_slot bigint NOT NULL,
  voting_end_slot   bigint NOT NULL,
  total_deposit     numeric(39,0) NOT NULL,
  tally_yes         numeric(39,0) NOT NULL,
  tally_no          numeric(39,0) NOT NULL,
  tally_abstain     numeric(39,0) NOT NULL,
  tally_veto        numeric(39,0) NOT NULL,
  tally_bonded      numeric(39,0) NOT NULL,
  updated_height    bigint NOT NULL
);
