;; Rejected at deploy: floating point is not deterministic enough for consensus.
(module
  (memory (export "memory") 1)
  (func (export "f") (result f64) (f64.div (f64.const 1) (f64.const 3))))
