;; Bulk memory, tables and reference types (host ABI v1): the instructions whose work is not one
;; step each, so their per-byte and per-element charges are exercised, plus the two attacks of
;; issue 18 that use them (an endless memory.fill loop, a table grown without end).
(module
  (import "env" "args_read" (func $args_read (param i32)))
  (import "env" "emit" (func $emit (param i32 i32 i32 i32)))
  (type $ret (func (result i32)))
  (memory (export "memory") 1 16)
  (table $t 4 64 funcref)
  (table $x 2 8 externref)
  (table $g 0 funcref)
  (elem $fns func $f10 $f11 $f12)
  (elem (table $t) (i32.const 0) func $f10 $f11)
  (data $blob "0123456789abcdef")
  (data (i32.const 512) "bulk")

  (func $f10 (result i32) (i32.const 10))
  (func $f11 (result i32) (i32.const 11))
  (func $f12 (result i32) (i32.const 12))

  (func $arg_u32 (result i32)
    (call $args_read (i32.const 1024))
    (i32.load (i32.const 1024)))

  ;; Emits the 8 bytes at 256.
  (func $out (call $emit (i32.const 512) (i32.const 4) (i32.const 256) (i32.const 8)))

  ;; fill(n: u32): fills n bytes at 4096 with 7, emits the byte at 4096 + n - 1 and n.
  (func (export "fill") (local $n i32)
    (local.set $n (call $arg_u32))
    (memory.fill (i32.const 4096) (i32.const 7) (local.get $n))
    (i32.store (i32.const 256) (i32.load8_u (i32.add (i32.const 4095) (local.get $n))))
    (i32.store (i32.const 260) (local.get $n))
    (call $out))

  ;; copy(n: u32): writes a pattern, copies n bytes from 4096 to 8192 (overlapping the tail),
  ;; emits the word at 8192 and the last byte copied.
  (func (export "copy") (local $n i32)
    (local.set $n (call $arg_u32))
    (i64.store (i32.const 4096) (i64.const 0x0807060504030201))
    (memory.copy (i32.const 8192) (i32.const 4096) (local.get $n))
    (memory.copy (i32.const 4100) (i32.const 4096) (i32.const 8))
    (i32.store (i32.const 256) (i32.load (i32.const 8192)))
    (i32.store (i32.const 260) (i32.load (i32.const 4100)))
    (call $out))

  ;; init(): copies the passive segment, drops it, emits its first 8 bytes; initialising
  ;; again after the drop traps.
  (func (export "init")
    (memory.init $blob (i32.const 256) (i32.const 0) (i32.const 16))
    (call $out)
    (data.drop $blob))
  (func (export "initdropped")
    (data.drop $blob)
    (memory.init $blob (i32.const 256) (i32.const 0) (i32.const 1)))

  ;; tables(): table.init, table.copy, table.set/get, table.fill, table.grow/size,
  ;; call_indirect, ref.func, ref.null, ref.is_null, select with a type, elem.drop; emits a sum.
  (func (export "tables") (local $s i32)
    (table.init $t $fns (i32.const 1) (i32.const 0) (i32.const 3))
    (elem.drop $fns)
    (table.copy $t $t (i32.const 0) (i32.const 2) (i32.const 2))
    (table.set $t (i32.const 3) (ref.func $f10))
    (local.set $s (call_indirect $t (type $ret) (i32.const 0)))
    (local.set $s (i32.add (local.get $s) (call_indirect $t (type $ret) (i32.const 3))))
    (local.set $s (i32.add (local.get $s)
      (i32.mul (i32.const 100) (table.grow $t (ref.null func) (i32.const 4)))))
    (table.fill $t (i32.const 4) (ref.func $f12) (i32.const 4))
    (local.set $s (i32.add (local.get $s) (call_indirect $t (type $ret) (i32.const 7))))
    (local.set $s (i32.add (local.get $s) (i32.mul (i32.const 10000) (table.size $t))))
    (table.set $x (i32.const 1) (ref.null extern))
    (local.set $s (i32.add (local.get $s)
      (select (result i32) (i32.const 1000000) (i32.const 0)
        (ref.is_null (table.get $x (i32.const 1))))))
    (i32.store (i32.const 256) (local.get $s))
    (i32.store (i32.const 260) (table.size $x))
    (call $out))

  ;; Attack: an endless loop of 64 KiB fills — stopped by the per-byte charge.
  (func (export "fillloop")
    (loop $l
      (memory.fill (i32.const 0) (i32.const 1) (i32.const 65536))
      (br $l)))

  ;; Attack: grows a table without a declared maximum by 1000 elements until it cannot —
  ;; bounded by the chain's table limit; emits how many grows succeeded and the final size.
  (func (export "tablegrow") (local $n i32)
    (block $full
      (loop $l
        (br_if $full (i32.eq (table.grow $g (ref.null func) (i32.const 1000)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.store (i32.const 256) (local.get $n))
    (i32.store (i32.const 260) (table.size $g))
    (call $out))

  ;; Attack: grows memory one page at a time until it cannot.
  (func (export "growloop")
    (loop $l
      (br_if $l (i32.ge_s (memory.grow (i32.const 1)) (i32.const 0))))))
