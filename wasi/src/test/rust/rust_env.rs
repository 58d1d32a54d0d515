// Arguments, environment, stdin and exit status through Rust's std.
use std::io::{self, BufRead};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {:?}", &args[1..]);
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    for (k, v) in &vars {
        println!("{}={}", k, v);
    }
    let mut lines = 0;
    for line in io::stdin().lock().lines() {
        let line = line.expect("stdin");
        lines += 1;
        println!("{}: {}", lines, line.chars().rev().collect::<String>());
    }
    eprintln!("{} lines", lines);
    let code = std::env::var("EXIT_CODE").ok().and_then(|c| c.parse().ok()).unwrap_or(0);
    std::process::exit(code);
}
