//! The `tacitus` command: wires the library crates together. Being written by the lead.

fn main() {
    println!("tacitus");
}
