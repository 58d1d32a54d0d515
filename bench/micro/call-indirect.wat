;; call_indirect in a loop: n calls through a table of four i32 binops, the slot being i & mask
;; (0: one target, 1: two, 3: four). docs/compiler.md, "Calls":
;;   ./cortado run --tier compiled --no-cache --invoke run bench/micro/call-indirect.wat 300000000 0
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $sub $mul $xor)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  (func $xor (type $binop) (i32.xor (local.get 0) (local.get 1)))
  ;; n calls through the table; slot = i & mask (mask 0: monomorphic, 1: bimorphic, 3: four targets)
  (func (export "run") (param $n i32) (param $mask i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc
        (call_indirect (type $binop) (local.get $acc) (local.get $i)
          (i32.and (local.get $i) (local.get $mask))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc)))
