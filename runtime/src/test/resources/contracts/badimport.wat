;; Rejected at deploy: imports a host function the ABI does not have.
(module
  (import "env" "open_file" (func $open (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "f") (drop (call $open (i32.const 0)))))
