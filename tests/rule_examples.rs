//! Every rule of the built-in pack carries examples in Dutch and English that must and must not make it
//! fire; this test runs them all and checks the pack's documentation is complete.

use tenderlint::document::Language;
use tenderlint::engine::example_fires;
use tenderlint::rules::RuleSet;

/// The built-in pack's patterns compile when a language is first needed; this proves they do for both.
#[test]
fn the_built_in_patterns_compile_in_both_languages() {
    let rules = RuleSet::builtin().expect("the built-in pack is valid");
    assert_eq!(rules.matchers.compile_now(), Ok(()));
}

#[test]
fn every_rule_example_behaves() {
    let rules = RuleSet::builtin().expect("the built-in pack is valid");
    let mut failures = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        for (lang, must_fire, text) in rule.examples.all() {
            let fired = example_fires(&rules, i, text, lang);
            if fired != must_fire {
                failures.push(format!(
                    "{} [{}] should {}fire: {:?}",
                    rule.id,
                    lang.as_str(),
                    if must_fire { "" } else { "not " },
                    text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) misbehave:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_two_examples_each_way_in_both_languages() {
    let rules = RuleSet::builtin().expect("the built-in pack is valid");
    let mut missing = Vec::new();
    for rule in &rules.rules {
        let e = &rule.examples;
        for (name, list) in [
            ("nl trigger", &e.nl_trigger),
            ("nl pass", &e.nl_pass),
            ("en trigger", &e.en_trigger),
            ("en pass", &e.en_pass),
        ] {
            if list.len() < 2 {
                missing.push(format!(
                    "{}: {} has {} example(s)",
                    rule.id,
                    name,
                    list.len()
                ));
            }
        }
        if rule.since.is_none() {
            missing.push(format!("{}: no `since`", rule.id));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Sanity: the pack is not empty and covers every category with a status rule.
    for cat in tenderlint::rules::CATEGORIES {
        assert!(
            rules
                .rules
                .iter()
                .any(|r| r.category == cat && r.kind == tenderlint::rules::RuleKind::Status),
            "no status rule for {cat}"
        );
    }
    let _ = Language::Nl;
}
