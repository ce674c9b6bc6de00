;; A fungible token. Storage: slot 0x00..00 = total supply, slot <address> = balance of that
;; address; every value is a u64, little-endian. Memory map: 0..32 the zero slot key, 32..64 the
;; caller, 64..104 call args, 256..264 value buffer, 512.. event topics.
(module
  (import "env" "args_len" (func $args_len (result i32)))
  (import "env" "args_read" (func $args_read (param i32)))
  (import "env" "storage_get" (func $storage_get (param i32 i32 i32) (result i32)))
  (import "env" "storage_set" (func $storage_set (param i32 i32 i32)))
  (import "env" "caller" (func $caller (param i32)))
  (import "env" "emit" (func $emit (param i32 i32 i32 i32)))
  (import "env" "abort" (func $abort (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "transfer")
  (data (i32.const 528) "minted")
  (data (i32.const 544) "balance")

  ;; The u64 at slot $key, 0 when absent.
  (func $load (param $key i32) (result i64)
    (if (result i64)
      (i32.eq (call $storage_get (local.get $key) (i32.const 256) (i32.const 8)) (i32.const 8))
      (then (i64.load (i32.const 256)))
      (else (i64.const 0))))

  (func $store (param $key i32) (param $v i64)
    (i64.store (i32.const 256) (local.get $v))
    (call $storage_set (local.get $key) (i32.const 256) (i32.const 8)))

  ;; init(amount: u64): mints the whole supply to the caller, once.
  (func (export "init")
    (if (i32.ne (call $args_len) (i32.const 8)) (then (call $abort (i32.const 1))))
    (call $args_read (i32.const 64))
    (if (i32.ge_s (call $storage_get (i32.const 0) (i32.const 256) (i32.const 8)) (i32.const 0))
      (then (call $abort (i32.const 2))))
    (call $store (i32.const 0) (i64.load (i32.const 64)))
    (call $caller (i32.const 32))
    (call $store (i32.const 32) (i64.load (i32.const 64)))
    (call $emit (i32.const 528) (i32.const 6) (i32.const 64) (i32.const 8)))

  ;; transfer(to: [32]byte, amount: u64): aborts with 3 when the caller holds too little.
  ;; Emits "transfer" with caller | to | amount.
  (func (export "transfer") (local $amt i64) (local $bal i64)
    (if (i32.ne (call $args_len) (i32.const 40)) (then (call $abort (i32.const 1))))
    (call $args_read (i32.const 64))
    (local.set $amt (i64.load (i32.const 96)))
    (call $caller (i32.const 32))
    (local.set $bal (call $load (i32.const 32)))
    (if (i64.lt_u (local.get $bal) (local.get $amt)) (then (call $abort (i32.const 3))))
    (call $store (i32.const 32) (i64.sub (local.get $bal) (local.get $amt)))
    (call $store (i32.const 64) (i64.add (call $load (i32.const 64)) (local.get $amt)))
    (call $emit (i32.const 512) (i32.const 8) (i32.const 32) (i32.const 72)))

  ;; balance(who: [32]byte): emits "balance" with the u64 balance.
  (func (export "balance")
    (if (i32.ne (call $args_len) (i32.const 32)) (then (call $abort (i32.const 1))))
    (call $args_read (i32.const 64))
    (i64.store (i32.const 256) (call $load (i32.const 64)))
    (call $emit (i32.const 544) (i32.const 7) (i32.const 256) (i32.const 8))))
