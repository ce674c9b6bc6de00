;; A counter in slot 0x00..00 (u64, little-endian). increment() adds one and emits "count".
(module
  (import "env" "storage_get" (func $storage_get (param i32 i32 i32) (result i32)))
  (import "env" "storage_set" (func $storage_set (param i32 i32 i32)))
  (import "env" "emit" (func $emit (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "count")

  (func (export "increment")
    (if (i32.ne (call $storage_get (i32.const 0) (i32.const 256) (i32.const 8)) (i32.const 8))
      (then (i64.store (i32.const 256) (i64.const 0))))
    (i64.store (i32.const 256) (i64.add (i64.load (i32.const 256)) (i64.const 1)))
    (call $storage_set (i32.const 0) (i32.const 256) (i32.const 8))
    (call $emit (i32.const 512) (i32.const 5) (i32.const 256) (i32.const 8))))
