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
