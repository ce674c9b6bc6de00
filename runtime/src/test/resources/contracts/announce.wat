;; announce(topic_len u32 | topic | data): emits an event with any topic and data — what a
;; contract would do to forge a value event ("credit", "debit", ...), which the runtime refuses.
(module
  (import "aether" "args_len" (func $args_len (result i32)))
  (import "aether" "args_read" (func $args_read (param i32)))
  (import "aether" "emit" (func $emit (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "announce") (local $n i32) (local $t i32)
    (local.set $n (call $args_len))
    (call $args_read (i32.const 1024))
    (local.set $t (i32.load (i32.const 1024)))
    (call $emit
      (i32.const 1028) (local.get $t)
      (i32.add (i32.const 1028) (local.get $t))
      (i32.sub (local.get $n) (i32.add (i32.const 4) (local.get $t))))))
