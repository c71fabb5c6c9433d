//! The built-in rule pack, compiled into the binary from `rules/*.toml`.

/// (file name, TOML text) of every built-in pack file, in load order.
pub fn files() -> &'static [(&'static str, &'static str)] {
    &[
        (
            "rules/lexicon.toml",
            include_str!("../../rules/lexicon.toml"),
        ),
        ("rules/goals.toml", include_str!("../../rules/goals.toml")),
        (
            "rules/responsibilities.toml",
            include_str!("../../rules/responsibilities.toml"),
        ),
        (
            "rules/progress.toml",
            include_str!("../../rules/progress.toml"),
        ),
        (
            "rules/collaboration.toml",
            include_str!("../../rules/collaboration.toml"),
        ),
        (
            "rules/document.toml",
            include_str!("../../rules/document.toml"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rules_file_is_built_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("rules/ exists")
            .filter_map(|e| e.ok())
            .map(|e| format!("rules/{}", e.file_name().to_string_lossy()))
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = super::files().iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }
}
