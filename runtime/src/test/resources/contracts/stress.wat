;; Misbehaving and benchmark entry points: each ends in one of the ways a call can end.
(module
  (import "env" "args_len" (func $args_len (result i32)))
  (import "env" "args_read" (func $args_read (param i32)))
  (import "env" "storage_set" (func $storage_set (param i32 i32 i32)))
  (import "env" "caller" (func $caller (param i32)))
  (import "env" "self" (func $self (param i32)))
  (import "env" "transfer" (func $transfer (param i32 i64)))
  (import "env" "emit" (func $emit (param i32 i32 i32 i32)))
  (import "env" "sha256" (func $sha256 (param i32 i32 i32)))
  (import "env" "ed25519_verify" (func $ed25519_verify (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "result")

  (func $arg_u64 (result i64)
    (call $args_read (i32.const 1024))
    (i64.load (i32.const 1024)))

  ;; Never ends: stopped by the step meter.
  (func (export "spin") (loop $l (br $l)))

  ;; burn(n: u64): n loop iterations of 8 instructions each.
  (func (export "burn") (local $n i64)
    (local.set $n (call $arg_u64))
    (block $done
      (loop $l
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $l))))

  ;; hostcalls(n: u64): n calls of the cheapest host function.
  (func (export "hostcalls") (local $n i64)
    (local.set $n (call $arg_u64))
    (block $done
      (loop $l
        (br_if $done (i64.eqz (local.get $n)))
        (call $caller (i32.const 0))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $l))))

  (func (export "trap") unreachable)
  (func (export "divzero") (drop (i32.div_s (i32.const 1) (i32.const 0))))
  (func (export "oob") (drop (i32.load (i32.const 0xfffffff0))))

  ;; grow(pages: u64): memory.grow; emits the old size (or -1).
  (func (export "grow")
    (i32.store (i32.const 256) (memory.grow (i32.wrap_i64 (call $arg_u64))))
    (call $emit (i32.const 512) (i32.const 6) (i32.const 256) (i32.const 4)))

  (func $down (call $down))
  (func (export "recurse") (call $down))

  ;; Writes storage slot 0x00..00 (which a caller may leave undeclared).
  (func (export "write0")
    (i64.store (i32.const 256) (i64.const 42))
    (call $storage_set (i32.const 0) (i32.const 256) (i32.const 8)))

  ;; hash(data): emits sha256(data).
  (func (export "hash") (local $len i32)
    (local.set $len (call $args_len))
    (call $args_read (i32.const 1024))
    (call $sha256 (i32.const 1024) (local.get $len) (i32.const 256))
    (call $emit (i32.const 512) (i32.const 6) (i32.const 256) (i32.const 32)))

  ;; verify(pk[32] | sig[64] | msg): emits 1 when the Ed25519 signature is valid, else 0.
  (func (export "verify") (local $len i32)
    (local.set $len (call $args_len))
    (call $args_read (i32.const 1024))
    (i32.store (i32.const 256)
      (call $ed25519_verify (i32.const 1024) (i32.const 1120)
        (i32.sub (local.get $len) (i32.const 96)) (i32.const 1056)))
    (call $emit (i32.const 512) (i32.const 6) (i32.const 256) (i32.const 4)))

  ;; pay(to[32] | amount u64): pays SWR from this contract's own account.
  (func (export "pay")
    (call $args_read (i32.const 1024))
    (call $transfer (i32.const 1024) (i64.load (i32.const 1056))))

  ;; whoami(): emits caller | self.
  (func (export "whoami")
    (call $caller (i32.const 256))
    (call $self (i32.const 288))
    (call $emit (i32.const 512) (i32.const 6) (i32.const 256) (i32.const 64))))
