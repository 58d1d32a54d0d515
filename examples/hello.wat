;; A module without imports: "Hello, world!" sits in its exported memory, and
;; hello returns where (offset, then length). With WASI, _start would print it.
;;
;;   ./cortado run --invoke hello examples/hello.wat     prints 16 and 13
;;   ./cortado inspect examples/hello.wat                shows its sections
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello, world!")
  (func (export "hello") (result i32 i32)
    (i32.const 16)
    (i32.const 13)))
