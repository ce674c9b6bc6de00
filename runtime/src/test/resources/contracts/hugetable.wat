;; Attack: a tiny module whose table Chicory would allocate eagerly on every call (10 million
;; elements, ~120 MB). Deploy must refuse it before anything is allocated.
(module
  (table 10000000 funcref)
  (func (export "run")))
