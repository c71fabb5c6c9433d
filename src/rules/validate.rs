//! Validation and compilation of parsed pack files into a [`RuleSet`]. Every error names the file, the
//! rule (or lexicon) and the field.

use super::matcher::{check_pattern, Matchers};
use super::model::{ConditionDef, LexiconDef, PackFile, RuleDef, TermDef};
use super::Level;
use super::{
    Condition, Examples, LexiconInfo, Near, Rule, RuleError, RuleKind, RuleSet, Scope,
    SectionClass, Severity, Term, BACKGROUND_HEADING, BINDING_HEADING, CATEGORIES,
    PROCEDURE_HEADING,
};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const DETAILS: [&str; 5] = ["partial", "hedged", "deferred", "background", "negated"];
const STATUSES: [&str; 3] = ["embedded", "mentioned", "absent"];
pub const BLOCK_KINDS: [&str; 6] = [
    "paragraph",
    "list_item",
    "table_cell",
    "heading",
    "note",
    "header_footer",
];

/// What a term in a condition can name: a lexicon (pattern set) or a named condition.
struct Names {
    sets: HashMap<String, u32>,
    conditions: HashMap<String, Condition>,
}

struct Builder {
    sets: Vec<LexiconInfo>,
    mask_of: Vec<Option<u32>>,
    nl: Vec<(String, u32)>,
    en: Vec<(String, u32)>,
    by_name: Names,
}

impl Builder {
    fn add_set(&mut self, name: &str, description: &str, source: &str) -> u32 {
        let id = self.sets.len() as u32;
        self.sets.push(LexiconInfo {
            name: name.to_string(),
            description: description.to_string(),
            source: source.to_string(),
        });
        self.mask_of.push(None);
        id
    }

    /// Adds the patterns of `def` to set `id` (and a mask set if it has masks). `what` names it in errors.
    fn add_patterns(
        &mut self,
        id: u32,
        def: &LexiconDef,
        file: &str,
        rule: Option<&str>,
        what: &str,
    ) -> Result<(), RuleError> {
        let check = |field: String, p: &str| -> Result<(), RuleError> {
            if p.trim().is_empty() || p.trim_matches('~').is_empty() {
                return Err(err(file, rule, &field, "empty pattern"));
            }
            check_pattern(p).map_err(|e| {
                err(
                    file,
                    rule,
                    &field,
                    &format!("invalid pattern `{p}`: {}", first_line(&e)),
                )
            })
        };
        for (lang, list) in [("nl", &def.nl), ("en", &def.en), ("any", &def.any)] {
            for (i, p) in list.iter().enumerate() {
                check(format!("{what}.{lang}[{i}]"), p)?;
                if lang != "en" {
                    self.nl.push((p.clone(), id));
                }
                if lang != "nl" {
                    self.en.push((p.clone(), id));
                }
            }
        }
        if def.nl.is_empty() && def.en.is_empty() && def.any.is_empty() {
            return Err(err(
                file,
                rule,
                what,
                "no patterns: give at least one of `nl`, `en`, `any`",
            ));
        }
        let m = &def.mask;
        if !(m.nl.is_empty() && m.en.is_empty() && m.any.is_empty()) {
            let mask_name = format!("{}#mask", self.sets[id as usize].name);
            let mask = self.add_set(&mask_name, "mask", file);
            self.mask_of[id as usize] = Some(mask);
            for (lang, list) in [("nl", &m.nl), ("en", &m.en), ("any", &m.any)] {
                for (i, p) in list.iter().enumerate() {
                    check(format!("{what}.mask.{lang}[{i}]"), p)?;
                    if lang != "en" {
                        self.nl.push((p.clone(), mask));
                    }
                    if lang != "nl" {
                        self.en.push((p.clone(), mask));
                    }
                }
            }
        }
        Ok(())
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn err(file: &str, rule: Option<&str>, field: &str, message: &str) -> RuleError {
    RuleError {
        file: file.to_string(),
        rule: rule.map(str::to_string),
        field: field.to_string(),
        message: message.to_string(),
    }
}

/// Validates all pack files and builds the rule set. With `compile_now`, the patterns are compiled at
/// once, so that a pattern too large to compile is an error here; otherwise each language's patterns
/// compile when a document of that language is first checked (the built-in pack alone: its compiling
/// is proven by a test).
pub fn compile(files: Vec<(String, PackFile)>, compile_now: bool) -> Result<RuleSet, RuleError> {
    let mut b = Builder {
        sets: Vec::new(),
        mask_of: Vec::new(),
        nl: Vec::new(),
        en: Vec::new(),
        by_name: Names {
            sets: HashMap::new(),
            conditions: HashMap::new(),
        },
    };
    let mut lexicon_files: HashMap<String, String> = HashMap::new();
    // Lexicons first: rules of any file may use lexicons of any file.
    for (file, pack) in &files {
        for (name, def) in &pack.lexicon {
            if let Some(other) = lexicon_files.get(name) {
                return Err(err(
                    file,
                    None,
                    &format!("lexicon.{name}"),
                    &format!("lexicon `{name}` is already defined in {other}"),
                ));
            }
            if name == "self" || name.contains('#') {
                return Err(err(
                    file,
                    None,
                    &format!("lexicon.{name}"),
                    "reserved lexicon name",
                ));
            }
            let id = b.add_set(name, &def.description, file);
            b.by_name.sets.insert(name.clone(), id);
            lexicon_files.insert(name.clone(), file.clone());
            b.add_patterns(id, def, file, None, &format!("lexicon.{name}"))?;
        }
    }
    // Named conditions: terms may be lexicons only, so they cannot form cycles.
    for (file, pack) in &files {
        for (name, def) in &pack.condition {
            let field = format!("condition.{name}");
            if b.by_name.sets.contains_key(name) || b.by_name.conditions.contains_key(name) {
                return Err(err(
                    file,
                    None,
                    &field,
                    &format!("the name `{name}` is already used by a lexicon or condition"),
                ));
            }
            let lexicons_only = Names {
                sets: b.by_name.sets.clone(),
                conditions: HashMap::new(),
            };
            let compiled = compile_condition(
                def,
                None,
                &lexicons_only,
                &|f: &str, m: &str| err(file, None, &format!("{field}{f}"), m),
                "",
            )?;
            b.by_name.conditions.insert(name.clone(), compiled);
        }
    }
    let heading = |name: &str| -> Result<u32, RuleError> {
        b.by_name.sets.get(name).copied().ok_or_else(|| {
            err(
                "(rule packs)",
                None,
                &format!("lexicon.{name}"),
                "the packs must define this lexicon (heading classes)",
            )
        })
    };
    let binding_heading = heading(BINDING_HEADING)?;
    let background_heading = heading(BACKGROUND_HEADING)?;
    let procedure_heading = heading(PROCEDURE_HEADING)?;

    let mut rules = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, pack) in files {
        for def in pack.rule {
            if let Some(other) = seen.get(&def.id) {
                return Err(err(
                    &file,
                    Some(&def.id),
                    "id",
                    &format!("duplicate rule id (also in {other})"),
                ));
            }
            seen.insert(def.id.clone(), file.clone());
            rules.push(compile_rule(def, &file, &mut b)?);
        }
    }
    let matchers = Matchers::new(b.nl, b.en, b.mask_of);
    if compile_now {
        matchers.compile_now().map_err(|(lang, e)| {
            err(
                "(rule packs)",
                None,
                &format!("patterns ({})", lang.as_str()),
                &first_line(&e),
            )
        })?;
    }
    Ok(RuleSet {
        rules,
        sets: b.sets,
        matchers,
        binding_heading,
        background_heading,
        procedure_heading,
    })
}

fn compile_rule(def: RuleDef, file: &str, b: &mut Builder) -> Result<Rule, RuleError> {
    let id = def.id.clone();
    let e = |field: &str, message: &str| err(file, Some(&id), field, message);
    let valid_id = {
        let mut parts = id.split('-');
        let head = parts.next().unwrap_or("");
        !head.is_empty()
            && head.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && head
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && id.contains('-')
            && parts.all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
    };
    if !valid_id {
        return Err(e(
            "id",
            "rule ids look like `PROG-003`: upper-case letters, a hyphen, letters or digits",
        ));
    }
    let category_ok = CATEGORIES.contains(&def.category.as_str())
        || (def.category == "*" && def.kind == RuleKind::Status)
        || (def.category == "document" && def.kind == RuleKind::Existence);
    if !category_ok {
        return Err(e(
            "category",
            &format!(
                "unknown category `{}`; use one of {} (or `*` for status rules, `document` for existence rules)",
                def.category,
                CATEGORIES.join(", ")
            ),
        ));
    }
    if def.title.trim().is_empty() {
        return Err(e("title", "must not be empty"));
    }
    for (field, v) in [
        ("help.what", &def.help.what),
        ("help.why", &def.help.why),
        ("help.fix", &def.help.fix),
    ] {
        if v.trim().is_empty() {
            return Err(e(field, "must not be empty"));
        }
    }
    let needs_finding = def.kind != RuleKind::Evidence;
    let severity = match (needs_finding, def.severity) {
        (true, Some(s)) => s,
        (true, None) => {
            return Err(e(
                "severity",
                "required for findings: error, warning or info",
            ))
        }
        (false, Some(_)) => {
            return Err(e(
                "severity",
                "evidence rules raise no findings; remove `severity`",
            ))
        }
        (false, None) => Severity::Info,
    };
    let message = match (needs_finding, def.message.clone()) {
        (true, Some(m)) if !m.trim().is_empty() => m,
        (true, _) => return Err(e("message", "required for findings")),
        (false, Some(_)) => {
            return Err(e(
                "message",
                "evidence rules raise no findings; remove `message`",
            ))
        }
        (false, None) => String::new(),
    };
    for (field, m) in [
        ("message", &Some(message.clone())),
        ("message_mentioned", &def.message_mentioned),
    ] {
        if let Some(m) = m {
            let stripped = m.replace("{category}", "").replace("{searched}", "");
            if stripped.contains('{') || stripped.contains('}') {
                return Err(e(
                    field,
                    "the only placeholders are `{category}` and `{searched}`",
                ));
            }
        }
    }
    if def.kind != RuleKind::Status
        && (def.severity_mentioned.is_some() || def.message_mentioned.is_some())
    {
        return Err(e(
            "severity_mentioned",
            "only status rules have a `mentioned` variant",
        ));
    }
    let level = match (def.kind, def.level) {
        (RuleKind::Evidence, Some(l)) => l,
        (RuleKind::Evidence, None) => {
            return Err(e(
                "level",
                "evidence rules need a level: embedded, partial or mentioned",
            ))
        }
        (_, Some(_)) => return Err(e("level", "only evidence rules have a level")),
        (_, None) => Level::Mentioned,
    };
    if let Some(d) = &def.detail {
        if def.kind != RuleKind::Evidence || !DETAILS.contains(&d.as_str()) {
            return Err(e(
                "detail",
                &format!("evidence rules only; one of {}", DETAILS.join(", ")),
            ));
        }
    }
    let check_list = |field: &str, values: &[String], allowed: &[&str]| -> Result<(), RuleError> {
        for v in values {
            if !allowed.contains(&v.as_str()) {
                return Err(e(
                    field,
                    &format!("unknown value `{v}`; use {}", allowed.join(", ")),
                ));
            }
        }
        Ok(())
    };
    check_list("status", &def.status, &STATUSES)?;
    check_list("when_detail", &def.when_detail, &DETAILS)?;
    check_list("when_status", &def.when_status, &STATUSES)?;
    check_list(
        "sections",
        &def.sections,
        &["binding", "background", "procedure", "neutral"],
    )?;
    check_list("blocks", &def.blocks, &BLOCK_KINDS)?;
    if !def.blocks.is_empty() && def.scope.is_some_and(|s| s > Scope::Paragraph) {
        return Err(e(
            "blocks",
            "a block filter needs sentence or paragraph scope",
        ));
    }
    if def.kind == RuleKind::Status && def.status.is_empty() {
        return Err(e(
            "status",
            "status rules list the statuses that raise the finding",
        ));
    }
    if def.kind != RuleKind::Status && !(def.status.is_empty() && def.when_detail.is_empty()) {
        return Err(e(
            "status",
            "only status rules have `status` and `when_detail`",
        ));
    }
    if def.kind != RuleKind::Absence && !def.when_status.is_empty() {
        return Err(e("when_status", "only absence rules have `when_status`"));
    }
    let own = match &def.patterns {
        Some(p) => {
            let sid = b.add_set(&id, &def.title, file);
            b.add_patterns(sid, p, file, Some(&id), "patterns")?;
            Some(sid)
        }
        None => None,
    };
    let condition = match (&def.condition, def.kind) {
        (Some(c), RuleKind::Status) => {
            let _ = c;
            return Err(e(
                "match",
                "status rules work on category statuses; remove `match`",
            ));
        }
        (None, RuleKind::Status) => Condition::default(),
        (None, _) => return Err(e("match", "required: the conditions a passage must meet")),
        (Some(c), _) => {
            let compiled = compile_condition(
                c,
                own,
                &b.by_name,
                &|f: &str, m: &str| e(&format!("match{f}"), m),
                "",
            )?;
            let empty =
                compiled.all.is_empty() && compiled.any.is_empty() && compiled.near.is_empty();
            if empty && def.heading.is_none() && def.blocks.is_empty() {
                return Err(e("match", "needs at least one `all`, `any` or `near` term (or a `heading` / `blocks` filter)"));
            }
            compiled
        }
    };
    let heading = match &def.heading {
        Some(h) if def.kind == RuleKind::Status => {
            let _ = h;
            return Err(e("heading", "status rules have no heading filter"));
        }
        Some(h) => Some(compile_condition(
            h,
            own,
            &b.by_name,
            &|f: &str, m: &str| e(&format!("heading{f}"), m),
            "",
        )?),
        None => None,
    };
    let sections = def
        .sections
        .iter()
        .map(|s| match s.as_str() {
            "binding" => SectionClass::Binding,
            "background" => SectionClass::Background,
            "procedure" => SectionClass::Procedure,
            _ => SectionClass::Neutral,
        })
        .collect();
    let mut own_patterns = BTreeMap::new();
    if let Some(p) = &def.patterns {
        for (k, v) in [("nl", &p.nl), ("en", &p.en), ("any", &p.any)] {
            if !v.is_empty() {
                own_patterns.insert(k.to_string(), v.clone());
            }
        }
    }
    let mut seen_examples = HashSet::new();
    let examples: Examples = def.examples.into();
    for (_, _, text) in examples.all() {
        if !seen_examples.insert(text.to_string()) {
            return Err(e(
                "examples",
                &format!("the example \"{text}\" appears twice"),
            ));
        }
    }
    Ok(Rule {
        kind: def.kind,
        category: def.category,
        title: def.title,
        since: def.since,
        severity,
        severity_mentioned: def.severity_mentioned.unwrap_or(severity),
        message_mentioned: def.message_mentioned.unwrap_or_else(|| message.clone()),
        message,
        help: def.help,
        scope: def.scope.unwrap_or(Scope::Sentence),
        level,
        detail: def.detail,
        status: def.status,
        when_detail: def.when_detail,
        when_status: def.when_status,
        sections,
        heading,
        blocks: def.blocks,
        condition,
        examples,
        source: file.to_string(),
        own_patterns,
        id,
    })
}

type ErrFn<'a> = dyn Fn(&str, &str) -> RuleError + 'a;

fn compile_condition(
    c: &ConditionDef,
    own: Option<u32>,
    names: &Names,
    e: &ErrFn<'_>,
    path: &str,
) -> Result<Condition, RuleError> {
    let resolve = |name: &str, field: &str| -> Result<u32, RuleError> {
        if name == "self" {
            return own.ok_or_else(|| {
                e(
                    field,
                    "`self` refers to the rule's own `patterns`, which it does not have",
                )
            });
        }
        names
            .sets
            .get(name)
            .copied()
            .ok_or_else(|| e(field, &format!("unknown lexicon or condition `{name}`")))
    };
    let terms = |list: &[TermDef], key: &str| -> Result<Vec<Term>, RuleError> {
        list.iter()
            .enumerate()
            .map(|(i, t)| {
                let field = format!("{path}.{key}[{i}]");
                match t {
                    TermDef::Lexicon(n) => match names.conditions.get(n) {
                        Some(c) => Ok(Term::Group(Box::new(c.clone()))),
                        None => resolve(n, &field).map(Term::Set),
                    },
                    TermDef::Group(g) => compile_condition(g, own, names, e, &field)
                        .map(|c| Term::Group(Box::new(c))),
                }
            })
            .collect()
    };
    let near = c
        .near
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let field = format!("{path}.near[{i}]");
            if n.within == 0 || n.within > 500 {
                return Err(e(&field, "`within` counts words: 1 to 500"));
            }
            Ok(Near {
                a: resolve(&n.a, &format!("{field}.a"))?,
                b: resolve(&n.b, &format!("{field}.b"))?,
                within: n.within,
                ordered: n.ordered,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Condition {
        all: terms(&c.all, "all")?,
        any: terms(&c.any, "any")?,
        none: terms(&c.none, "none")?,
        near,
    })
}
