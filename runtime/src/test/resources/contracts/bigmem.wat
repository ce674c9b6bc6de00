;; Rejected at deploy: asks for more initial memory than a contract may have.
(module (memory (export "memory") 64) (func (export "f")))
