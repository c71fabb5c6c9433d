//! Evaluating a compiled condition on the hits of one unit.

use crate::rules::{distance, hits_of, Condition, Hit, Near, SetHits, Term};

/// Does `cond` hold for a unit with these (sorted) hits?
pub fn holds(cond: &Condition, hits: &[Hit]) -> bool {
    cond.all.iter().all(|t| term(t, hits))
        && (cond.any.is_empty() || cond.any.iter().any(|t| term(t, hits)))
        && !cond.none.iter().any(|t| term(t, hits))
        && cond.near.iter().all(|n| near(n, hits))
}

fn term(t: &Term, hits: &[Hit]) -> bool {
    match t {
        Term::Set(s) => has(hits, *s),
        Term::Group(c) => holds(c, hits),
    }
}

/// Hits are sorted by set first, so presence is a binary search.
fn has(hits: &[Hit], set: u32) -> bool {
    let i = hits.partition_point(|h| h.set < set);
    hits.get(i).is_some_and(|h| h.set == set)
}

/// Some `a` hit and some `b` hit within `n.within` words; only the window of `b` hits near each `a` is
/// looked at, so long units stay linear-logarithmic.
fn near(n: &Near, hits: &[Hit]) -> bool {
    let bs = SetHits::new(hits, n.b);
    hits_of(hits, n.a).iter().any(|a| {
        bs.window(a, n.within)
            .iter()
            .any(|b| !(n.ordered && b.start < a.start) && distance(a, b) <= n.within)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(set: u32, start: u32) -> Hit {
        Hit {
            set,
            start,
            end: start + 1,
        }
    }

    #[test]
    fn all_any_none_near() {
        let hits = vec![h(0, 0), h(1, 5), h(2, 9)];
        let c = Condition {
            all: vec![Term::Set(0)],
            any: vec![Term::Set(7), Term::Set(2)],
            none: vec![Term::Set(3)],
            near: vec![Near {
                a: 0,
                b: 1,
                within: 4,
                ordered: true,
            }],
        };
        assert!(holds(&c, &hits));
        let far = Condition {
            near: vec![Near {
                a: 0,
                b: 2,
                within: 4,
                ordered: false,
            }],
            ..Condition::default()
        };
        assert!(!holds(&far, &hits));
        let reversed = Condition {
            near: vec![Near {
                a: 1,
                b: 0,
                within: 4,
                ordered: true,
            }],
            ..Condition::default()
        };
        assert!(!holds(&reversed, &hits));
        let excluded = Condition {
            all: vec![Term::Set(0)],
            none: vec![Term::Set(2)],
            ..Condition::default()
        };
        assert!(!holds(&excluded, &hits));
        let nested = Condition {
            all: vec![Term::Group(Box::new(Condition {
                any: vec![Term::Set(9), Term::Set(1)],
                ..Condition::default()
            }))],
            ..Condition::default()
        };
        assert!(holds(&nested, &hits));
    }
}
