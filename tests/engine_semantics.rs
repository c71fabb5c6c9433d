//! How the engine reads document structure: binding, background and procedure sections, list lead-ins,
//! tables, and text that is not an agreement. Small documents, exact statuses.

use tenderlint::document::{Document, Language};
use tenderlint::engine::{check, Status};
use tenderlint::extract::{text::read_markdown, Format, Limits};
use tenderlint::rules::RuleSet;

fn verdict(md: &str, lang: Language) -> Vec<(Status, Option<String>)> {
    let rules = RuleSet::builtin().expect("valid pack");
    let doc = Document::build(
        Format::Markdown,
        read_markdown(md, &Limits::default()).unwrap(),
        Some(lang),
    );
    let v = check(&doc, &rules);
    v.categories
        .iter()
        .map(|(_, c)| (c.status, c.detail.clone()))
        .collect()
}

fn progress(md: &str, lang: Language) -> (Status, Option<String>) {
    verdict(md, lang)[2].clone()
}

#[test]
fn binding_background_and_procedure_sections() {
    let kpi = "Opdrachtnemer rapporteert maandelijks over de KPI's.";
    assert_eq!(
        progress(&format!("## Programma van Eisen\n\n{kpi}"), Language::Nl),
        (Status::Embedded, None)
    );
    assert_eq!(
        progress(&format!("## Inleiding\n\n{kpi}"), Language::Nl),
        (Status::Mentioned, Some("background".into()))
    );
    // Procedure headings win over the binding words they contain ("eisen", "requirements").
    assert_eq!(
        progress(&format!("## Geschiktheidseisen\n\n{kpi}"), Language::Nl).0,
        Status::Mentioned
    );
    assert_eq!(
        progress(
            "## Submission requirements\n\nThe Contractor shall submit a monthly status report.",
            Language::En
        )
        .0,
        Status::Mentioned
    );
    // The innermost classified heading decides: a background subsection of the requirements.
    assert_eq!(
        progress(
            &format!("# Programma van Eisen\n\n## Achtergrond\n\n{kpi}"),
            Language::Nl
        )
        .0,
        Status::Mentioned
    );
}

#[test]
fn list_items_inherit_their_lead_in() {
    let md = "## Governance\n\nThe Contractor shall:\n\n- keep the site clean;\n- attend the progress meetings with the Authority.";
    assert_eq!(verdict(md, Language::En)[3].0, Status::Embedded);
    // Without the lead-in the same item binds nobody.
    let md = "## Governance\n\n- keep the site clean;\n- attend the progress meetings with the Authority.";
    assert_ne!(verdict(md, Language::En)[3].0, Status::Embedded);
}

#[test]
fn tables_are_evidence() {
    let md = "## KPI's\n\n| KPI | Norm | Meetfrequentie |\n|---|---|---|\n| Responstijd | 95% binnen 4 uur | maandelijks |";
    assert_eq!(progress(md, Language::Nl), (Status::Embedded, None));
    let raci = "## Taakverdeling\n\n| Activiteit | Opdrachtgever | Opdrachtnemer |\n|---|---|---|\n| Schouw | A | R |";
    assert_eq!(verdict(raci, Language::Nl)[1].0, Status::Embedded);
}

#[test]
fn negation_hedging_and_deferral_keep_categories_mentioned() {
    assert_eq!(
        progress(
            "## Eisen\n\nEr worden geen prestatie-indicatoren gehanteerd.",
            Language::Nl
        ),
        (Status::Mentioned, Some("negated".into()))
    );
    assert_eq!(
        progress(
            "## Requirements\n\nService levels will be agreed after contract award.",
            Language::En
        ),
        (Status::Mentioned, Some("deferred".into()))
    );
    assert_eq!(
        progress(
            "## Requirements\n\nPerformance may be reviewed from time to time.",
            Language::En
        ),
        (Status::Mentioned, Some("hedged".into()))
    );
    // A threshold is not a negation.
    assert_eq!(
        progress("## Eisen\n\nOpdrachtnemer rapporteert niet later dan de vijfde werkdag van elke maand over de KPI's.", Language::Nl).0,
        Status::Embedded
    );
}

#[test]
fn absence_is_absent() {
    let v = verdict("## Prijsblad\n\nDe prijs is vast.", Language::Nl);
    assert!(v.iter().all(|(s, _)| *s == Status::Absent), "{v:?}");
}

/// Scopes beyond the sentence, through a user pack: a section must contain both a KPI and a frequency
/// (in different sentences), and the document must mention an exit plan somewhere.
#[test]
fn section_and_document_scopes_in_a_user_pack() {
    let dir = std::env::temp_dir().join(format!("tenderlint-scopes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("scopes.toml"),
        r#"
[lexicon.exit-plan]
nl = ['exitplan', 'overdrachtsplan']
en = ['exit plan', 'transition-out plan']

[[rule]]
id = "X-SEC"
kind = "existence"
category = "progress"
severity = "info"
title = "KPI and frequency in one section"
message = "m"
help.what = "w"
help.why = "w"
help.fix = "f"
scope = "section"
[rule.match]
all = ["kpi-topic", "frequency"]

[[rule]]
id = "X-NEAR"
kind = "existence"
category = "progress"
severity = "info"
title = "KPI and frequency in one sentence, near"
message = "m"
help.what = "w"
help.why = "w"
help.fix = "f"
scope = "paragraph"
[rule.match]
near = [{ a = "kpi-topic", b = "frequency", within = 5 }]

[[rule]]
id = "X-DOC"
kind = "absence"
category = "responsibilities"
severity = "warning"
title = "No exit plan"
message = "m"
help.what = "w"
help.why = "w"
help.fix = "f"
scope = "document"
[rule.match]
all = ["exit-plan"]
"#,
    )
    .unwrap();
    let rules = RuleSet::builtin_with(&[dir.as_path()]).expect("valid packs");
    let run = |md: &str| -> Vec<String> {
        let doc = Document::build(
            Format::Markdown,
            read_markdown(md, &Limits::default()).unwrap(),
            Some(Language::Nl),
        );
        check(&doc, &rules)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .filter(|r| r.starts_with("X-"))
            .collect()
    };
    // KPI and frequency in two sentences of one section: section scope fires, the near rule (which
    // never crosses sentences) does not.
    let two_sentences =
        "## Kwaliteit\n\nDe KPI is de responstijd. Opdrachtnemer meet deze maandelijks.";
    assert_eq!(run(two_sentences), vec!["X-DOC", "X-SEC"]);
    // In different sections: neither.
    let apart = "## A\n\nDe KPI is de responstijd.\n\n## B\n\nOpdrachtnemer meet maandelijks.";
    assert_eq!(run(apart), vec!["X-DOC"]);
    // Near each other in one sentence, and an exit plan somewhere in the document.
    let near = "## Kwaliteit\n\nDe KPI wordt maandelijks gemeten.\n\n## Einde\n\nOpdrachtnemer levert een exitplan.";
    assert_eq!(run(near), vec!["X-NEAR", "X-SEC"]);
}
