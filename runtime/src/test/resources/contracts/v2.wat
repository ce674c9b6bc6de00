;; Host ABI v2 (module "aether"): caller vs payer, block height and slot, balances and transfers
;; of any asset, return data, and calls into other contracts.
;; Memory map: 1024.. call args, 256.. output buffer, 512.. event topics.
(module
  (import "aether" "args_len" (func $args_len (result i32)))
  (import "aether" "args_read" (func $args_read (param i32)))
  (import "aether" "caller" (func $caller (param i32)))
  (import "aether" "payer" (func $payer (param i32)))
  (import "aether" "self" (func $self (param i32)))
  (import "aether" "block_height" (func $block_height (result i64)))
  (import "aether" "block_slot" (func $block_slot (result i64)))
  (import "aether" "balance" (func $balance (param i32 i32)))
  (import "aether" "transfer" (func $transfer (param i32 i32 i32)))
  (import "aether" "call" (func $call (param i32 i32 i32 i32 i32) (result i32)))
  (import "aether" "call_result" (func $call_result (param i32 i32) (result i32)))
  (import "aether" "return_data" (func $return_data (param i32 i32)))
  (import "aether" "emit" (func $emit (param i32 i32 i32 i32)))
  (import "aether" "abort" (func $abort (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "v2")
  (data (i32.const 528) "echo")
  (data (i32.const 544) "hop")
  (data (i32.const 560) "bad input")

  ;; whoami(): emits caller | payer | self.
  (func (export "whoami")
    (call $caller (i32.const 256))
    (call $payer (i32.const 288))
    (call $self (i32.const 320))
    (call $emit (i32.const 512) (i32.const 2) (i32.const 256) (i32.const 96)))

  ;; where(): emits height | slot (u64 little-endian each) and returns them.
  (func (export "where")
    (i64.store (i32.const 256) (call $block_height))
    (i64.store (i32.const 264) (call $block_slot))
    (call $emit (i32.const 512) (i32.const 2) (i32.const 256) (i32.const 16))
    (call $return_data (i32.const 256) (i32.const 16)))

  ;; bal(asset[32]): returns this contract's balance of the asset (u128).
  (func (export "bal")
    (call $args_read (i32.const 1024))
    (call $balance (i32.const 1024) (i32.const 256))
    (call $return_data (i32.const 256) (i32.const 16)))

  ;; pay(to[32] | asset[32] | amount u128): pays from this contract's own account.
  (func (export "pay")
    (call $args_read (i32.const 1024))
    (call $transfer (i32.const 1024) (i32.const 1056) (i32.const 1088)))

  ;; echo(data): returns its arguments.
  (func (export "echo") (local $n i32)
    (local.set $n (call $args_len))
    (call $args_read (i32.const 1024))
    (call $return_data (i32.const 1024) (local.get $n)))

  ;; hop(contract[32] | rest): calls method "hop" of `contract` with `rest`, or, when no
  ;; contract is left, returns its caller. Returns what the callee returned.
  (func (export "hop") (local $n i32) (local $r i32)
    (local.set $n (call $args_len))
    (call $args_read (i32.const 1024))
    (if (i32.lt_u (local.get $n) (i32.const 32))
      (then
        (call $caller (i32.const 256))
        (call $return_data (i32.const 256) (i32.const 32))
        (return)))
    (local.set $r
      (call $call (i32.const 1024) (i32.const 544) (i32.const 3)
        (i32.const 1056) (i32.sub (local.get $n) (i32.const 32))))
    (drop (call $call_result (i32.const 8192) (local.get $r)))
    (call $return_data (i32.const 8192) (local.get $r)))

  ;; forward(contract[32] | method_len u32 | method | args): calls any method of another
  ;; contract; emits and returns what it returned.
  (func (export "forward") (local $n i32) (local $m i32) (local $r i32)
    (local.set $n (call $args_len))
    (call $args_read (i32.const 1024))
    (local.set $m (i32.load (i32.const 1056)))
    (local.set $r
      (call $call (i32.const 1024) (i32.const 1060) (local.get $m)
        (i32.add (i32.const 1060) (local.get $m))
        (i32.sub (local.get $n) (i32.add (i32.const 36) (local.get $m)))))
    (drop (call $call_result (i32.const 8192) (local.get $r)))
    (call $emit (i32.const 528) (i32.const 4) (i32.const 8192) (local.get $r))
    (call $return_data (i32.const 8192) (local.get $r)))

  ;; fail(): aborts with a message.
  (func (export "fail")
    (call $abort (i32.const 560) (i32.const 9))))
