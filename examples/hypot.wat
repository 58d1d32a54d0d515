;; Floating point: the length of the hypotenuse, sqrt(a*a + b*b).
;;
;;   ./cortado run --invoke hypot examples/hypot.wat 3 4       prints 5
;;   ./cortado run --invoke hypot examples/hypot.wat 1 1       prints 1.4142135623730951
(module
  (func (export "hypot") (param $a f64) (param $b f64) (result f64)
    (f64.sqrt
      (f64.add
        (f64.mul (local.get $a) (local.get $a))
        (f64.mul (local.get $b) (local.get $b))))))
