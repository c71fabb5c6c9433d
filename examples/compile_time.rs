//! Measures how long compiling the built-in pack takes (a tool for development).
fn main() {
    let t = std::time::Instant::now();
    let rules = tenderlint::rules::RuleSet::builtin().expect("valid");
    println!(
        "compiled {} rules, {} sets in {:?}",
        rules.rules.len(),
        rules.sets.len(),
        t.elapsed()
    );
}
