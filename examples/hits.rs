//! Prints the lexicon hits of every sentence of a Markdown text (a tool for writing rules).
use tenderlint::document::{Document, Language};
use tenderlint::engine::Units;
use tenderlint::rules::RuleSet;

fn main() {
    let mut args = std::env::args().skip(1);
    let lang = match args.next().as_deref() {
        Some("nl") => Language::Nl,
        _ => Language::En,
    };
    let text: String = args.collect::<Vec<_>>().join(" ").replace("\\n", "\n");
    let rules = RuleSet::builtin().expect("valid pack");
    let ex = tenderlint::extract::text::read_markdown(&text, &Default::default())
        .expect("readable text");
    let doc = Document::build(tenderlint::extract::Format::Markdown, ex, Some(lang));
    let units = Units::build(&doc, &rules);
    for s in &units.sentences {
        println!("{:?}", s.text);
        for h in &s.hits {
            println!(
                "   {} [{}..{}]",
                rules.sets[h.set as usize].name, h.start, h.end
            );
        }
    }
}
