// File system through Rust's std: directories, files, listing, metadata, rename, removal, in the
// directory named by the first argument.
use std::fs;
use std::io::Write;
use std::path::Path;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    let base = Path::new(&dir).join("rust");
    fs::create_dir_all(base.join("nested/deeper")).expect("create_dir_all");
    for i in 0..5 {
        let mut f = fs::File::create(base.join(format!("f{}.txt", i))).expect("create");
        writeln!(f, "line {}", i).expect("write");
    }
    fs::write(base.join("nested/deeper/leaf.txt"), "leaf\n").expect("write leaf");
    let mut names: Vec<String> = fs::read_dir(&base)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    println!("entries: {}", names.join(" "));
    let text = fs::read_to_string(base.join("f3.txt")).expect("read");
    println!("f3: {}", text.trim());
    let meta = fs::metadata(base.join("nested/deeper/leaf.txt")).expect("metadata");
    println!("leaf: {} bytes, file {}", meta.len(), meta.is_file());
    fs::rename(base.join("f0.txt"), base.join("nested/moved.txt")).expect("rename");
    println!("moved exists: {}", base.join("nested/moved.txt").exists());
    match fs::read_to_string(base.join("f0.txt")) {
        Ok(_) => println!("f0 still there"),
        Err(e) => println!("f0: {:?}", e.kind()),
    }
    match fs::remove_dir(base.join("nested")) {
        Ok(_) => println!("removed non-empty?"),
        Err(_) => println!("remove_dir non-empty fails"),
    }
    fs::remove_dir_all(&base).expect("remove_dir_all");
    println!("cleaned: {}", !base.exists());
}
