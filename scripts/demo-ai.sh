#!/usr/bin/env bash
# make demo-ai: the AI mesh end to end on a fresh local devnet, with the daemons doing the work.
#
#   1. starts a 4-validator devnet (ports moved by DEMO_PORT_OFFSET, default 0 → RPC 8545);
#   2. funds and starts four daemons: two honest providers, a cheating provider (the test-only
#      switch test_only_falsify_step) and a watcher that re-runs every receipt;
#   3. posts an honest provider's job, the cheater's job and a 3-replica job (all three providers,
#      the cheater among them), inputs on chain, and waits until each is final;
#   4. prints one JSON line per job and exits non-zero if any outcome is not the expected one.
#
# Everything it writes is under DEMO_DIR (default target/demo-ai); daemon logs are there too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="${DEMO_DIR:-$ROOT/target/demo-ai}"
OFFSET="${DEMO_PORT_OFFSET:-0}"
PATIENCE="${DEMO_TIMEOUT_S:-240}"
RPC="http://127.0.0.1:$((8545 + OFFSET))"
STREAM="127.0.0.1:$((9200 + OFFSET))" # validator 0's gRPC block stream: the daemons follow it
CTL="$ROOT/bin/aetherctl"
# Short-lived CLI calls start faster with the C1 compiler only; the daemons keep the default JIT.
QUICK="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
ctl() { AETHER_JAVA_OPTS="$QUICK" "$CTL" "$@"; }
say() { echo "demo-ai [$SECONDS s]: $*" >&2; }
field() { # field NAME JSON → the first string or number value of "NAME"
  sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" <<<"$2" | head -1
}

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ctl devnet down --dir "$DIR/devnet" >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$DIR"
mkdir -p "$DIR"
# The devnet genesis with a wider challenge window (DEMO_WINDOW_SLOTS, default 120 = 60 s instead
# of 10 s): a watcher re-runs each receipt and must land its proof inside the window, which a busy
# laptop may not do in 10 s. Everything else is config/genesis.toml.
WINDOW="${DEMO_WINDOW_SLOTS:-120}"
sed "s/^challenge_window_slots = [0-9]*/challenge_window_slots = $WINDOW/" \
  "$ROOT/config/genesis.toml" >"$DIR/genesis.toml"
say "starting a fresh devnet under $DIR/devnet (RPC $RPC, challenge window $WINDOW slots)"
ctl devnet up --fresh --dir "$DIR/devnet" --genesis "$DIR/genesis.toml" --port-offset "$OFFSET" \
  >"$DIR/devnet-up.log"
FAUCET="$DIR/devnet/faucet.json"
deadline=$((SECONDS + PATIENCE))
until h=$(field finalizedHeight "$(ctl status --rpc "$RPC" --json 2>/dev/null)") && [ -n "$h" ] && [ "$((h))" -ge 2 ]; do
  [ $SECONDS -lt $deadline ] || { say "the devnet did not finalize (see $DIR/devnet/v0/node.log)"; exit 1; }
  sleep 1
done

address() { field address "$(ctl keys show --json "$1")"; }
for who in honest honest2 cheater watcher poster2 poster3 honest-tee honest2-tee cheater-tee; do
  ctl keys new --out "$DIR/$who.json" >/dev/null
done
HONEST=$(address "$DIR/honest.json")
HONEST2=$(address "$DIR/honest2.json")
POSTER3=$(address "$DIR/poster3.json")
CHEATER=$(address "$DIR/cheater.json")
WATCHER=$(address "$DIR/watcher.json")
POSTER2=$(address "$DIR/poster2.json")
POSTER1=$(field address "$(cat "$FAUCET")")
say "funding honest $HONEST, cheater $CHEATER, watcher $WATCHER, poster $POSTER2"
# SWR for fees and AIC for bonds and escrow, from the devnet faucet (one CLI run, one tx each).
{
  echo '{"key": "devnet-faucet", "transfers": ['
  sep=""
  for a in "$HONEST" "$HONEST2" "$CHEATER" "$WATCHER" "$POSTER2" "$POSTER3"; do
    printf '%s{"to": "%s", "asset": "SWR", "amount": "1000000000"},\n' "$sep" "$a"
    printf '{"to": "%s", "asset": "AIC", "amount": "100000"}' "$a"
    sep=",
"
  done
  echo ']}'
} >"$DIR/fund.json"
ctl submit-tx --rpc "$RPC" "$DIR/fund.json" >"$DIR/fund.log"

config() { # config NAME ROLES POSTER [extra line]
  cat >"$DIR/$1.toml" <<TOML
rpc = "$RPC"
key = "$1.json"
state_dir = "$1-state"
roles = $2
tee = "dev"                 # the devnet has no TEE hardware; named so a confidential VM does not probe
tee_key = "$1-tee.json"
posters = $3
stream = "$STREAM"
poll_ms = 300
$4
TOML
}
# Each poster's jobs go to chosen providers (the posters key): poster 1 → honest, poster 2 → the
# cheater, poster 3's replicated job → all three.
config honest '["provider"]' "[\"$POSTER1\", \"$POSTER3\"]" ""
config honest2 '["provider"]' "[\"$POSTER3\"]" ""
config cheater '["provider"]' "[\"$POSTER2\", \"$POSTER3\"]" "test_only_falsify_step = 3"
cat >"$DIR/watcher.toml" <<TOML
rpc = "$RPC"
key = "watcher.json"
state_dir = "watcher-state"
roles = ["watcher"]
rerun_percent = 100
stream = "$STREAM"
poll_ms = 300
TOML
for d in honest honest2 cheater watcher; do
  "$ROOT/bin/aether-provider" --config "$DIR/$d.toml" >"$DIR/$d.log" 2>&1 &
  PIDS+=($!)
done
say "daemons started (logs: $DIR/honest.log, honest2.log, cheater.log, watcher.log); waiting for registrations"
for a in "$HONEST" "$HONEST2" "$CHEATER"; do
  until [ "$(field registered "$(ctl provider show --rpc "$RPC" --provider "$a" --json 2>/dev/null)")" = true ]; do
    [ $SECONDS -lt $deadline ] || { say "provider $a did not register"; exit 1; }
    sleep 1
  done
done

INPUT="$ROOT/ai-mesh/models/digits-mlp/sample-input.txt"
post() { # post KEY REPLICAS → job id
  ctl job post --rpc "$RPC" --key "$1" --replicas "$2" --model digits-mlp --input "$INPUT" \
    --seed 7 --jus 10 --max-price 1000 --sla 30000 --deadline +120s |
    sed -n 's/^job \(0x[0-9a-f]*\).*/\1/p'
}
HONEST_JOB=$(post "$FAUCET" 1)
say "posted honest job $HONEST_JOB"
CHEAT_JOB=$(post "$DIR/poster2.json" 1)
say "posted job $CHEAT_JOB (its provider will falsify step 3)"
QUORUM_JOB=$(post "$DIR/poster3.json" 3)
say "posted 3-replica job $QUORUM_JOB (one replica is the cheater)"

status() { field status "$(ctl job get --rpc "$RPC" --job "$1" --json)"; }
final() { case "$1" in settled|challenged|refunded|slashed|unresolved) return 0 ;; *) return 1 ;; esac; }
for j in "$HONEST_JOB" "$CHEAT_JOB" "$QUORUM_JOB"; do
  until s=$(status "$j") && final "$s"; do
    [ $SECONDS -lt $deadline ] || { say "job $j still $s after ${PATIENCE}s"; break; }
    sleep 2
  done
done

ok=0
report() { # report JOB SCENARIO EXPECTED PROVIDER
  local j ctlout s
  ctlout=$(ctl job get --rpc "$RPC" --job "$1" --json)
  j=$(tr -d '\n ' <<<"$ctlout")
  s=$(field status "$j")
  local outcome=${j#*\"outcome\":}
  printf '{"job":"%s","scenario":"%s","status":"%s","expected":"%s","provider":"%s","paid":"%s","refunded":"%s","burned":"%s","rewarded":"%s","bondReturned":"%s"}\n' \
    "$1" "$2" "$s" "$3" "$4" "$(field paid "$outcome")" "$(field refunded "$outcome")" \
    "$(field burned "$outcome")" "$(field rewarded "$outcome")" "$(field bondReturned "$outcome")"
  [ "$s" = "$3" ] || ok=1
}
report "$HONEST_JOB" honest settled "$HONEST"
report "$CHEAT_JOB" cheater challenged "$CHEATER"
# The quorum job: settled, and the cheater's replica convicted (the others paid).
qj=$(ctl job get --rpc "$RPC" --job "$QUORUM_JOB" --json | tr -d '\n ')
qs=$(status "$QUORUM_JOB")
convicted=$(grep -o "\"provider\":\"$CHEATER\"[^}]*\"status\":\"[a-z]*\"" <<<"$qj" | sed 's/.*"status":"\([a-z]*\)"/\1/')
paid=$(grep -o '"status":"paid"' <<<"$qj" | wc -l | tr -d ' ')
printf '{"job":"%s","scenario":"quorum","status":"%s","expected":"settled","replicas":3,"cheaterReplica":"%s","paidReplicas":%s}\n' \
  "$QUORUM_JOB" "$qs" "$convicted" "$paid"
[ "$qs" = settled ] && [ "$convicted" = convicted ] && [ "$paid" = 2 ] || ok=1
say "watcher: $(AETHER_JAVA_OPTS="$QUICK" "$ROOT/bin/aether-watcher" --config "$DIR/watcher.toml" --status | sed -n 's/.*"stats":\({[^}]*}\).*/\1/p')"
[ $ok -eq 0 ] && say "every outcome is the expected one" || say "UNEXPECTED outcome (logs under $DIR)"
exit $ok
