// Aether explorer: a small single-page app over the indexer's GraphQL API. No framework. Proofs are
// checked in the browser with the Aether SDK (aether-sdk.js, built from sdk/typescript).
import * as sdk from "./aether-sdk.js";

const main = document.getElementById("main");
const rpc = new sdk.RpcClient("/rpc", 15000);
let genesisId = null;
let timer = null;

async function gql(query, variables = {}) {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
  return body.data;
}

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
const short = (h) => (h && h.length > 20 ? `${h.slice(0, 10)}…${h.slice(-6)}` : h ?? "");
const num = (n) => (n === null || n === undefined ? "—" : BigInt(n).toLocaleString("en-US"));
const blockLink = (h) => `<a href="#/block/${h}">${num(h)}</a>`;
const txLink = (h, full) => `<a class="mono" href="#/tx/${esc(h)}" title="${esc(h)}">${esc(full ? h : short(h))}</a>`;
const acctLink = (a, full) => (a ? `<a class="mono" href="#/account/${esc(a)}" title="${esc(a)}">${esc(full ? a : short(a))}</a>` : "—");
const jobLink = (j) => `<a class="mono" href="#/job/${esc(j)}" title="${esc(j)}">${esc(short(j))}</a>`;
const status = (s) => `<span class="status-${esc(s)}">${esc(s)}</span>`;

function page(title, html, focus = true) {
  document.title = `${title} · Aether explorer`;
  main.innerHTML = `<h1>${esc(title)}</h1>${html}`;
  if (focus) main.focus({ preventScroll: true });
}

function fields(rows) {
  return `<dl class="fields">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function table(headers, rows, empty) {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
  const th = headers.map((h) => `<th scope="col"${h.endsWith("#") ? ' class="num"' : ""}>${esc(h.replace(/#$/, ""))}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${headers[i].endsWith("#") ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`)
    .join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

async function trust() {
  if (!genesisId) {
    const d = await gql("{ head { genesisHash } }");
    genesisId = sdk.fromHex(d.head.genesisHash);
  }
  return { genesisId };
}

// ------------------------------------------------------------------------------------------ pages

const TX_ROW = "hash blockHeight index payer kind status feePaid";

async function home(refresh) {
  const d = await gql(`{ head { height hash finalizedHeight indexedTransactions tps slotMs }
    blocks(first: 10) { items { height hash slot txCount fees proposer } }
    transactions(first: 10) { items { ${TX_ROW} } } }`);
  const h = d.head;
  page(
    "Aether",
    `<section aria-label="Chain head" aria-live="polite"><div class="cards">
      <div class="card"><div class="label">Indexed head</div><div class="value" id="head-height">${num(h.height)}</div></div>
      <div class="card"><div class="label">Finalized (node)</div><div class="value" id="finalized-height">${num(h.finalizedHeight)}</div></div>
      <div class="card"><div class="label">Transactions per second</div><div class="value" id="tps">${h.tps.toFixed(2)}</div></div>
      <div class="card"><div class="label">Transactions indexed</div><div class="value">${num(h.indexedTransactions)}</div></div>
    </div>
    <p>Every indexed block is final (2-chain HotStuff); the indexer is ${num(Math.max(0, (h.finalizedHeight ?? h.height) - h.height))} blocks behind the node. Slot ${h.slotMs} ms.</p></section>
    <h2>Latest blocks</h2>
    ${table(["Height#", "Hash", "Slot#", "Transactions#", "Proposer#", "Fees#"],
      d.blocks.items.map((b) => [blockLink(b.height), `<a class="mono" href="#/block/${b.hash}">${short(b.hash)}</a>`, num(b.slot), num(b.txCount), b.proposer, num(b.fees)]),
      "No blocks yet")}
    <h2>Latest transactions</h2>
    ${txTable(d.transactions.items)}`,
    !refresh,
  );
  timer = setTimeout(() => route(true), 2000);
}

function txTable(items) {
  return table(["Hash", "Block#", "Kind", "Payer", "Status", "Fee#"],
    items.map((t) => [txLink(t.hash), blockLink(t.blockHeight), esc(t.kind), acctLink(t.payer), status(t.status), num(t.feePaid)]),
    "No transactions yet");
}

async function block(id) {
  const q = `{ ${id.startsWith("0x") ? `block(hash: "${id}")` : `block(height: ${Number(id)})`} {
    height hash parentHash slot round proposer txRoot stateRoot receiptsRoot shredRoot qcRound qcSigners timeoutRound txCount size fees
    transactions(first: 100) { ${TX_ROW} } blockEvents(first: 100) { index program topic kind account asset amount cause } } }`;
  const b = (await gql(q)).block;
  if (!b) return page("Block not found", `<p>No indexed block ${esc(id)}.</p>`);
  page(`Block ${num(b.height)}`, fields([
    ["Hash", `<span class="mono">${b.hash}</span>`],
    ["Parent", b.height > 0 ? `<a class="mono" href="#/block/${b.height - 1}">${b.parentHash}</a>` : `<span class="mono">${b.parentHash}</span>`],
    ["Slot / round", `${num(b.slot)} / ${num(b.round)}`],
    ["Proposer (index)", b.proposer],
    ["Parent certificate", `round ${num(b.qcRound)}, ${b.qcSigners} signers${b.timeoutRound !== null ? `; timeout certificate round ${num(b.timeoutRound)}` : ""}`],
    ["State root", `<span class="mono">${b.stateRoot}</span>`],
    ["Receipts root", `<span class="mono">${b.receiptsRoot}</span>`],
    ["Transactions root", `<span class="mono">${b.txRoot}</span>`],
    ["Size", `${num(b.size)} bytes`],
    ["Fees", `${num(b.fees)} SWR base units`],
    ["Finality", `<span id="badge" class="badge pending" aria-live="polite">checking finality…</span>`],
  ]) + `<h2>Transactions (${num(b.txCount)})</h2>${txTable(b.transactions)}
    <h2>End of block (the block's own receipt)</h2>
    ${b.height > 0 ? `<p><span id="own-badge" class="badge pending" aria-live="polite">checking the block's own receipt…</span></p>` : ""}${table(["#", "Program", "Event", "Account", "Asset", "Amount#", "Cause"],
      b.blockEvents.map((e) => [e.index, esc(e.program ?? "—"), esc(e.kind ?? e.topic), e.kind === "burn" ? "burned" : acctLink(e.account), esc(e.asset ?? "—"), e.amount === null ? "—" : num(e.amount), esc(e.cause ?? "—")]),
      b.height > 0 ? "Nothing happened after the transactions" : "Genesis executes nothing")}`);
  verifyBlock(b.height);
  if (b.height > 0) verifyOwnReceipt(b.height, b.blockEvents.length);
}

// The end-of-block events the indexer shows are the block receipt the final header commits to.
async function verifyOwnReceipt(height, shown) {
  const badge = document.getElementById("own-badge");
  try {
    const v = await sdk.fetchVerifiedBlockReceipt(rpc, height, await trust(), 30000);
    if (v.receipt.events.length !== shown && shown < 100) throw new Error(`the node's receipt has ${v.receipt.events.length} events, the index ${shown}`);
    setBadge(badge, true, `verified: ${v.receipt.events.length} events under the final block's receipts root`);
  } catch (e) {
    setBadge(badge, false, `not verified: ${e.message}`);
  }
}

async function verifyBlock(height) {
  const badge = document.getElementById("badge");
  try {
    const proof = await rpc.waitForFinalityProof(height, 30000);
    const f = sdk.verifyFinality(proof, await trust());
    setBadge(badge, true, `verified final: ${f.signedStake} of ${f.totalStake} stake signed`);
  } catch (e) {
    setBadge(badge, false, `not verified: ${e.message}`);
  }
}

function setBadge(el, ok, text) {
  if (!el || !el.isConnected) return;
  el.className = `badge ${ok ? "ok" : "bad"}`;
  el.textContent = (ok ? "✔ " : "✖ ") + text;
}

async function tx(hash) {
  const t = (await gql(`query($h: String!) { transaction(hash: $h) { hash blockHeight blockHash index payer nonce kind feeCap validFrom validUntil size status feePaid steps memBytes errorCode
    calls { index programName program method args } events { index emitter topic data } accounts { address role } } }`, { h: hash })).transaction;
  if (!t) return page("Transaction not found", `<p>No indexed transaction ${esc(hash)}.</p>`);
  page("Transaction", fields([
    ["Hash", `<span class="mono">${t.hash}</span>`],
    ["Receipt", `<span id="badge" class="badge pending" aria-live="polite">verifying receipt…</span>`],
    ["Status", `${status(t.status)}${t.errorCode ? ` (error ${t.errorCode})` : ""}`],
    ["Block", `${blockLink(t.blockHeight)} (index ${t.index})`],
    ["Kind", esc(t.kind)],
    ["Payer", acctLink(t.payer, true)],
    ["Nonce", num(t.nonce)],
    ["Fee paid / cap", `${num(t.feePaid)} / ${num(t.feeCap)} SWR base units`],
    ["Steps / memory", `${num(t.steps)} / ${num(t.memBytes)} bytes`],
    ["Valid slots", `${num(t.validFrom)} – ${num(t.validUntil)}`],
    ["Size", `${num(t.size)} bytes`],
  ]) + `<h2>Calls</h2>${table(["#", "Program", "Method", "Arguments"], t.calls.map((c) => [c.index, esc(c.programName ?? short(c.program)), esc(c.method), `<span class="mono">${esc(short(c.args))}</span>`]), "No calls")}
    <h2>Events</h2>${table(["#", "Emitter", "Topic", "Data"], t.events.map((e) => [e.index, `<span class="mono">${short(e.emitter)}</span>`, esc(e.topic), `<span class="mono">${esc(short(e.data))}</span>`]), "No events")}
    <h2>Accounts</h2>${table(["Address", "Role"], t.accounts.map((a) => [acctLink(a.address, true), esc(a.role)]), "None")}`);
  const badge = document.getElementById("badge");
  try {
    const v = await sdk.fetchVerifiedReceipt(rpc, t.hash, await trust(), 30000);
    setBadge(badge, true, `verified: receipt in final block ${v.block.height} (${v.block.signedStake} of ${v.block.totalStake} stake signed)`);
  } catch (e) {
    setBadge(badge, false, `not verified: ${e.message}`);
  }
}

async function account(address) {
  const d = await gql(`query($a: String!) { account(address: $a) { address txCount balances { asset assetId amount }
    transactions(first: 25) { items { ${TX_ROW} } }
    balanceChanges(first: 25) { items { height txHash asset delta cause } }
    stakingActions { txHash height method validator amount } } }`, { a: address });
  const a = d.account;
  page("Account", fields([
    ["Address", `<span class="mono">${a.address}</span>`],
    ["Transactions", num(a.txCount)],
    ["State at the node", `<span id="badge" class="badge pending" aria-live="polite">verifying account…</span>`],
  ]) + `<h2>Balances (indexed)</h2>${table(["Asset", "Amount#"], a.balances.map((b) => [esc(b.asset), num(b.amount)]), "No balance seen by the indexer")}
    <h2>Verified balances (node state, checked in the browser)</h2><div id="verified-balances"><p class="empty">checking…</p></div>
    <h2>History</h2>${txTable(a.transactions.items)}
    <h2>Balance changes</h2>${table(["Block#", "Transaction", "Asset", "Change#", "Cause"], a.balanceChanges.items.map((c) => [blockLink(c.height), c.txHash ? txLink(c.txHash) : c.height > 0 ? "end of block" : "genesis", esc(c.asset), num(c.delta), esc(c.cause)]), "None")}
    <h2>Staking</h2>${table(["Transaction", "Block#", "Action", "Validator", "Amount#"], a.stakingActions.map((s) => [txLink(s.txHash), blockLink(s.height), esc(s.method), acctLink(s.validator), num(s.amount)]), "No staking actions")}`);
  const badge = document.getElementById("badge");
  const box = document.getElementById("verified-balances");
  try {
    const v = await sdk.fetchVerifiedAccount(rpc, address, await trust(), 30000);
    const names = { [sdk.toHex(sdk.SWR)]: "SWR", [sdk.toHex(sdk.AIC)]: "AIC", [sdk.toHex(sdk.USDT)]: "USDT" };
    const rows = (v.account?.balance ?? []).map((x) => [esc(names[sdk.toHex(x.asset)] ?? short(sdk.toHex(x.asset))), num(x.amount)]);
    if (box.isConnected) box.innerHTML = table(["Asset", "Amount#"], rows, "No account at the node (proven absent)");
    setBadge(badge, true, `verified against final block ${v.block.height}${v.account ? `, nonce ${v.account.nonce}` : ", proven absent"}`);
  } catch (e) {
    if (box.isConnected) box.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    setBadge(badge, false, `not verified: ${e.message}`);
  }
}

async function validators() {
  const d = await gql(`{ validators { address index name stake selfBond delegated commissionBps status missedRounds certifiedRounds jailedUntilEpoch updatedHeight } }`);
  page("Validators", table(["Name", "Operator", "Index#", "Stake#", "Self-bond#", "Delegated#", "Commission", "Status", "Missed rounds#", "Certified rounds#"],
    d.validators.map((v) => [esc(v.name), acctLink(v.address), v.index ?? "—", num(v.stake), num(v.selfBond), num(v.delegated), `${(v.commissionBps / 100).toFixed(2)} %`, esc(v.status), num(v.missedRounds), num(v.certifiedRounds)]),
    "No validators known yet") + (d.validators.length ? `<p>As read from the node at indexed height ${num(d.validators[0].updatedHeight)}; missed rounds count this epoch's quorum certificates without the validator's vote.</p>` : ""));
}

async function jobs() {
  const d = await gql(`{ jobs(first: 50) { items { id status poster provider postedHeight updatedHeight vcrTx } } }`);
  page("AI jobs", table(["Job", "Status", "Poster", "Provider", "Posted#", "Updated#", "VCR"],
    d.jobs.items.map((j) => [jobLink(j.id), esc(j.status), acctLink(j.poster), acctLink(j.provider), j.postedHeight === null ? "—" : blockLink(j.postedHeight), blockLink(j.updatedHeight), j.vcrTx ? txLink(j.vcrTx) : "—"]),
    "No AI jobs yet: jobs appear here when the job escrow program posts them."));
}

async function job(id) {
  const j = (await gql(`query($id: String!) { job(id: $id) { id status poster provider postedHeight postedTx updatedHeight vcrTx
    events { event height txHash actor } vcrs { txHash height provider size kind outputHash modelHash inputHash seed traceSteps } disputes { txHash height challenger outcome } } }`, { id })).job;
  if (!j) return page("Job not found", `<p>No indexed job ${esc(id)}.</p>`);
  page("AI job", fields([
    ["Job id", `<span class="mono">${j.id}</span>`],
    ["Status", esc(j.status)],
    ["Poster", acctLink(j.poster, true)],
    ["Provider", acctLink(j.provider, true)],
    ["Posted", j.postedTx ? `${blockLink(j.postedHeight)} by ${txLink(j.postedTx)}` : "—"],
    ["Verifiable compute receipt", j.vcrTx ? txLink(j.vcrTx, true) : "none yet"],
  ]) + `<h2>Receipts (VCRs)</h2>${table(["Transaction", "Block#", "Provider", "Kind", "Output hash", "Model", "Input", "Seed", "Trace steps#"], j.vcrs.map((v) => [txLink(v.txHash), blockLink(v.height), acctLink(v.provider), esc(v.kind ?? "—"), `<span class="mono" title="${esc(v.outputHash ?? "")}">${esc(short(v.outputHash) || "—")}</span>`, `<span class="mono" title="${esc(v.modelHash ?? "")}">${esc(short(v.modelHash) || "—")}</span>`, `<span class="mono" title="${esc(v.inputHash ?? "")}">${esc(short(v.inputHash) || "—")}</span>`, esc(v.seed ?? "—"), v.traceSteps === null ? "—" : num(v.traceSteps)]), "No receipt submitted")}
    <h2>Disputes</h2>${table(["Transaction", "Block#", "Challenger", "Outcome"], j.disputes.map((x) => [txLink(x.txHash), blockLink(x.height), acctLink(x.challenger), esc(x.outcome)]), "No disputes")}
    <h2>History</h2>${table(["Event", "Block#", "Transaction", "By"], j.events.map((e) => [esc(e.event), blockLink(e.height), txLink(e.txHash), acctLink(e.actor)]), "No events")}`);
}

const poolLink = (p) => `<a href="#/pool/${encodeURIComponent(p.assetAId)}/${encodeURIComponent(p.assetBId)}">${esc(p.assetA)} / ${esc(p.assetB)}</a>`;
const propLink = (id) => `<a href="#/proposal/${id}">#${num(id)}</a>`;
const POOL = "assetA assetAId assetB assetBId lpAsset feeBps complete reserveA reserveB lpSupply createdHeight createdTx swapCount updatedHeight";

async function pools() {
  const d = await gql(`{ pools(first: 100) { items { ${POOL} } } swaps(first: 20) { items { txHash height trader assetIn assetOut amountIn amountOut hops } } }`);
  page("AMM pools", table(["Pool", "Reserve A#", "Reserve B#", "LP supply#", "Fee", "Swaps#", "Created#"],
    d.pools.items.map((p) => [poolLink(p), num(p.reserveA), num(p.reserveB), num(p.lpSupply), p.feeBps === null ? "—" : `${(p.feeBps / 100).toFixed(2)} %`, num(p.swapCount), blockLink(p.createdHeight)]),
    "No pools yet: pools appear here when the AMM program creates them.")
    + `<h2>Latest swaps</h2>${swapTable(d.swaps.items)}`);
}

function swapTable(items) {
  return table(["Transaction", "Block#", "Trader", "In#", "Out#", "Hops#"],
    items.map((s) => [txLink(s.txHash), blockLink(s.height), acctLink(s.trader), `${num(s.amountIn)} ${esc(s.assetIn)}`, `${num(s.amountOut)} ${esc(s.assetOut)}`, s.hops]),
    "No swaps yet");
}

async function pool(a, b) {
  const p = (await gql(`query($a: String!, $b: String!) { pool(assetA: $a, assetB: $b) { ${POOL}
    swaps(first: 50) { txHash height trader assetIn assetOut amountIn amountOut exact hops }
    liquidity(first: 50) { txHash height provider action amountA amountB shares } } }`, { a, b })).pool;
  if (!p) return page("Pool not found", `<p>No indexed pool of ${esc(a)} and ${esc(b)}.</p>`);
  page(`Pool ${p.assetA} / ${p.assetB}`, fields([
    ["Assets", `${esc(p.assetA)} (<span class="mono">${esc(short(p.assetAId))}</span>) / ${esc(p.assetB)} (<span class="mono">${esc(short(p.assetBId))}</span>)`],
    ["Reserves", `<span id="reserves">${num(p.reserveA)} ${esc(p.assetA)} · ${num(p.reserveB)} ${esc(p.assetB)}</span>`],
    ["LP token", `<span class="mono">${esc(p.lpAsset)}</span>`],
    ["LP supply", num(p.lpSupply)],
    ["Fee", p.feeBps === null ? "unknown" : `${(p.feeBps / 100).toFixed(2)} % (${p.feeBps} bps)`],
    ["Created", p.createdTx ? `${blockLink(p.createdHeight)} by ${txLink(p.createdTx)}` : "at genesis"],
    ["Swaps", num(p.swapCount)],
  ]) + (p.complete ? "" : `<p class="error">This pool existed before the indexer's data began (a genesis pool indexed without the genesis file): its reserves count only the changes seen since.</p>`)
    + `<h2>Swaps</h2>${table(["Transaction", "Block#", "Trader", "In#", "Out#", "Exact", "Route hops#"],
      p.swaps.map((s) => [txLink(s.txHash), blockLink(s.height), acctLink(s.trader), `${num(s.amountIn)} ${esc(s.assetIn)}`, `${num(s.amountOut)} ${esc(s.assetOut)}`, esc(s.exact), s.hops]), "No swaps through this pool yet")}
    <h2>Liquidity</h2>${table(["Transaction", "Block#", "Provider", "Action", `${p.assetA}#`, `${p.assetB}#`, "LP shares#"],
      p.liquidity.map((l) => [txLink(l.txHash), blockLink(l.height), acctLink(l.provider), esc(l.action), num(l.amountA), num(l.amountB), num(l.shares)]), "No liquidity changes yet")}`);
}

const PROPOSAL = "id kind title status totalDeposit voteCount proposer height votingEndSlot";

async function proposals() {
  const d = await gql(`{ proposals(first: 50) { items { ${PROPOSAL} } } treasurySpends(first: 20) { proposalId to asset amount } }`);
  page("Governance", table(["Proposal", "Title", "Kind", "Status", "Deposit#", "Voters#", "Proposer", "Submitted#"],
    d.proposals.items.map((p) => [propLink(p.id), esc(p.title), esc(p.kind), status(p.status), num(p.totalDeposit), num(p.voteCount), acctLink(p.proposer), blockLink(p.height)]),
    "No proposals yet: proposals appear here when the governance program accepts them.")
    + `<h2>Treasury spends paid</h2>${table(["Proposal", "To", "Asset", "Amount#"], d.treasurySpends.map((t) => [propLink(t.proposalId), acctLink(t.to), esc(t.asset), num(t.amount)]), "No treasury spend has passed")}`);
}

async function proposal(id) {
  const p = (await gql(`query($id: Long!) { proposal(id: $id) { ${PROPOSAL} txHash description outcome depositEndSlot updatedHeight
    changes { param value } upgrade { version height release } payments { to asset amount status }
    tally { yes no abstain veto bonded updatedHeight } deposits { txHash height depositor amount }
    votes(first: 100, latest: true) { txHash height voter option } } }`, { id: Number(id) })).proposal;
  if (!p) return page("Proposal not found", `<p>No indexed proposal ${esc(id)}.</p>`);
  const t = p.tally;
  page(`Proposal #${p.id}: ${p.title}`, fields([
    ["Status", `<span id="proposal-status">${status(p.status)}</span>${p.outcome ? ` — ${esc(p.outcome)}` : ""}`],
    ["Kind", esc(p.kind)],
    ["Proposer", acctLink(p.proposer, true)],
    ["Submitted", `${blockLink(p.height)} by ${txLink(p.txHash)}`],
    ["Description", esc(p.description)],
    ["Total deposit", `${num(p.totalDeposit)} SWR base units`],
    ["Deposit period ends", p.depositEndSlot === null ? "—" : `slot ${num(p.depositEndSlot)}`],
    ["Voting ends", p.votingEndSlot === null ? "—" : `slot ${num(p.votingEndSlot)}`],
    ["Tally (bonded stake)", t ? `yes ${num(t.yes)} · no ${num(t.no)} · abstain ${num(t.abstain)} · veto ${num(t.veto)} of ${num(t.bonded)} (node's view at height ${num(t.updatedHeight)})` : "not read from the node yet"],
  ]) + (p.changes.length ? `<h2>Parameter changes</h2>${table(["Parameter", "New value"], p.changes.map((c) => [`<code>${esc(c.param)}</code>`, `<code>${esc(c.value)}</code>`]), "")}` : "")
    + (p.upgrade ? `<h2>Protocol upgrade</h2>${fields([["Version", p.upgrade.version], ["From height", num(p.upgrade.height)], ["Release", esc(p.upgrade.release)]])}` : "")
    + (p.payments.length ? `<h2>Treasury payments</h2>${table(["To", "Asset", "Amount#", "Paid"], p.payments.map((x) => [acctLink(x.to, true), esc(x.asset), num(x.amount), x.status === "passed" ? "yes" : "no"]), "")}` : "")
    + `<h2>Votes (each voter's latest)</h2>${table(["Voter", "Vote", "Block#", "Transaction"], p.votes.map((v) => [acctLink(v.voter), esc(v.option), blockLink(v.height), txLink(v.txHash)]), "No votes yet")}
    <h2>Deposits</h2>${table(["Depositor", "Amount#", "Block#", "Transaction"], p.deposits.map((x) => [acctLink(x.depositor), num(x.amount), blockLink(x.height), txLink(x.txHash)]), "No deposits")}`);
}

async function search(q) {
  const r = (await gql(`query($q: String!) { search(query: $q) { kind height hash address id } }`, { q })).search;
  const target = { block: `#/block/${r.height}`, transaction: `#/tx/${r.hash}`, account: `#/account/${r.address}`, job: `#/job/${r.id}` }[r.kind];
  if (target) location.hash = target;
  else page("Nothing found", `<p>No block, transaction, account or job matches <code>${esc(q)}</code>. Try a block height, a 0x hash of 64 hex digits, or an address.</p>`);
}

// ------------------------------------------------------------------------------------------ routing

async function route(refresh) {
  clearTimeout(timer);
  const [, kind, arg, ...rest] = (location.hash || "#/").slice(1).split("/");
  try {
    if (!kind) await home(refresh);
    else if (kind === "block") await block(decodeURIComponent(arg));
    else if (kind === "tx") await tx(decodeURIComponent(arg));
    else if (kind === "account") await account(decodeURIComponent(arg));
    else if (kind === "validators") await validators();
    else if (kind === "jobs") await jobs();
    else if (kind === "job") await job(decodeURIComponent(arg));
    else if (kind === "pools") await pools();
    else if (kind === "pool") await pool(decodeURIComponent(arg), decodeURIComponent(rest[0] ?? ""));
    else if (kind === "governance") await proposals();
    else if (kind === "proposal") await proposal(decodeURIComponent(arg));
    else page("Not found", "<p>No such page.</p>");
  } catch (e) {
    if (!refresh) page("Error", `<p class="error">${esc(e.message)}</p>`);
    else timer = setTimeout(() => route(true), 2000);
  }
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) search(q).catch((e) => page("Error", `<p class="error">${esc(e.message)}</p>`));
});
window.addEventListener("hashchange", () => route(false));
route(false);
