//! The pattern lint: the shipped patterns parse, use known codes and have no duplicates; and
//! the lint refuses what it must.

use tacitus_events::Codebook;
use tacitus_events::patterns::{PatternSet, TriggerKind, parse_synsets};

fn lint(text: &str, synsets: &str) -> Result<PatternSet, String> {
    PatternSet::parse(&[("t.txt", text)], synsets, Codebook::builtin()).map_err(|e| e.to_string())
}

#[test]
fn shipped_patterns_pass_the_lint() {
    let set = PatternSet::builtin().expect("the shipped patterns lint clean");
    println!("{} patterns from {} lines", set.len(), set.lines());
    assert!(set.len() >= set.lines());
    // Every root but the statements (01) has patterns.
    for root in 2..=20 {
        let r = format!("{root:02}");
        assert!(
            set.iter().any(|p| p.code.starts_with(&r)),
            "no pattern for root {r}"
        );
    }
    assert!(set.iter().all(|p| !p.code.starts_with("01")));
}

#[test]
fn lint_refuses_bad_patterns() {
    let sets = "&KILL = kill murder\n";
    assert!(
        lint("999 verb attack\n", sets)
            .unwrap_err()
            .contains("unknown CAMEO code")
    );
    assert!(
        lint("010 verb say\n", sets)
            .unwrap_err()
            .contains("never coded")
    );
    assert!(
        lint("190 adverb attack\n", sets)
            .unwrap_err()
            .contains("not verb or noun")
    );
    assert!(
        lint("190 verb attack T=obj\n190 verb attack T=with\n", sets)
            .unwrap_err()
            .contains("duplicate")
    );
    assert!(
        lint("1823 verb &KILL\n1823 verb murder\n", sets)
            .unwrap_err()
            .contains("duplicate")
    );
    assert!(
        lint("1823 verb &SLAY\n", sets)
            .unwrap_err()
            .contains("unknown synonym set")
    );
    assert!(
        lint("190 noun air_strike\n", sets)
            .unwrap_err()
            .contains("not one word")
    );
    assert!(
        lint("190 verb attack Q=1\n", sets)
            .unwrap_err()
            .contains("unknown field")
    );
    assert!(
        lint("190 verb attack T=Obj\n", sets)
            .unwrap_err()
            .contains("bad slot")
    );
    assert!(lint("190 verb\n", sets).unwrap_err().contains("expected"));
}

#[test]
fn synonym_sets_expand_and_nest() {
    let sets = parse_synsets("&A = kill &B\n&B = murder\n  slay\n").expect("parses");
    assert_eq!(sets["&A"], vec!["kill", "murder", "slay"]);
    assert!(parse_synsets("&A = &A\n").is_err());
    assert!(parse_synsets("A = kill\n").is_err());
    let set = lint("1823 verb &A T=obj\n", "&A = kill &B\n&B = murder\n").expect("lints");
    assert_eq!(set.len(), 2);
    assert_eq!(set.for_lemma(TriggerKind::Verb, "murder").len(), 1);
}

#[test]
fn frames_parse() {
    let set = lint(
        "161 verb expel obj=diplomat|envoy T=obj\n130 verb step_up obj=pressure T=on!\n1124 verb appear has=court S=speaker T=nsubj!\n",
        "",
    )
    .expect("lints");
    let p = &set.for_lemma(TriggerKind::Verb, "step")[0];
    assert_eq!(p.particle.as_deref(), Some("up"));
    assert!(p.target_required);
    let e = &set.for_lemma(TriggerKind::Verb, "expel")[0];
    assert!(e.obj.contains("diplomat") && e.obj.contains("envoy"));
    assert_eq!((e.specificity(), p.specificity()), (4, 6));
}

/// Today's date as `YYYY.MM.DD` (UTC), for the version of changed files.
fn today() -> String {
    jiff::Timestamp::now().strftime("%Y.%m.%d").to_string()
}

#[test]
fn event_data_matches_its_manifest() {
    use tacitus_events::manifest;
    let files = manifest::builtin_files();
    if std::env::var_os("UPDATE_MANIFEST").is_some() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events/MANIFEST.tsv");
        let text = manifest::updated(
            manifest::BUILTIN_MANIFEST,
            &files,
            &today(),
            "written by the tacitus developers",
            "MIT",
        );
        std::fs::write(&path, text).expect("write data/events/MANIFEST.tsv");
        eprintln!("rewrote data/events/MANIFEST.tsv (rebuild to check it)");
        return;
    }
    let errors = manifest::check(manifest::BUILTIN_MANIFEST, &files);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    for e in manifest::parse(manifest::BUILTIN_MANIFEST).expect("parses") {
        assert!(!e.licence.is_empty() && !e.source.is_empty(), "{e:?}");
    }
}
