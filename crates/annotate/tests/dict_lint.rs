//! The lint over the repository's `data/` must pass, the built-in copy must parse, the
//! dictionaries must reach their size goals, and a few known facts must resolve.
//!
//! `UPDATE_MANIFEST=1 cargo test -p tacitus-annotate --test dict_lint` rewrites
//! `data/MANIFEST.tsv` with the current hashes (bumping the version of changed files).

use std::path::PathBuf;

use tacitus_annotate::dict::{self, DataSet, Day, Dictionaries, MANIFEST};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Today's date as `YYYY.MM.DD` (UTC), for the version of changed files.
fn today() -> String {
    jiff::Timestamp::now().strftime("%Y.%m.%d").to_string()
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[test]
fn data_passes_lint() {
    let dir = data_dir();
    let data = DataSet::from_dir(&dir).expect("data/ is readable");
    if std::env::var_os("UPDATE_MANIFEST").is_some() {
        let manifest = data.updated_manifest(&today());
        std::fs::write(dir.join(MANIFEST), manifest).expect("write data/MANIFEST.tsv");
        eprintln!("rewrote data/MANIFEST.tsv");
        let data = DataSet::from_dir(&dir).expect("data/ is readable");
        assert_eq!(dict::lint(&data), vec![]);
        return;
    }
    let errors = dict::lint(&data);
    let shown: Vec<String> = errors.iter().take(50).map(ToString::to_string).collect();
    assert!(
        errors.is_empty(),
        "{} lint errors in data/:\n{}",
        errors.len(),
        shown.join("\n")
    );
}

#[test]
fn builtin_matches_data_dir() {
    let dir = DataSet::from_dir(&data_dir()).unwrap();
    let builtin = DataSet::builtin();
    for path in dict::ACTOR_FILES {
        assert_eq!(
            builtin.get(path),
            dir.get(path),
            "{path}: the built-in copy differs from data/ (rebuild)"
        );
    }
}

fn dicts() -> Dictionaries {
    dict::builtin().expect("built-in dictionaries parse")
}

#[test]
fn counts_reach_goals() {
    let d = dicts();
    let countries = d
        .codes
        .iter()
        .filter(|c| c.kind == dict::CodeKind::Country)
        .count();
    assert!(countries >= 249, "{countries} countries");
    assert!(
        d.countries.len() >= 1000,
        "{} country forms",
        d.countries.len()
    );
    assert!(
        d.organizations.len() >= 500,
        "{} organisations",
        d.organizations.len()
    );
    assert!(d.agents.len() >= 1000, "{} agents", d.agents.len());
    let roles: usize = d.people.iter().map(|p| p.roles.len()).sum();
    assert!(d.people.len() >= PEOPLE_GOAL, "{} people", d.people.len());
    assert!(roles >= d.people.len(), "{roles} roles");
}

/// The goal for people with dated roles.
const PEOPLE_GOAL: usize = 3000;

#[test]
fn example_article_people() {
    let d = dicts();
    let on = day("2012-05-31");
    for (name, code) in [
        ("Kofi Annan", "IGOUNO"),
        ("Annan", "IGOUNO"),
        ("William Hague", "GBRGOV"),
        ("Hague", "GBRGOV"),
        ("Hollande", "FRAGOV"),
        ("Francois Hollande", "FRAGOV"),
        ("François Hollande", "FRAGOV"),
        ("Cameron", "GBRGOV"),
        ("David Cameron", "GBRGOV"),
        ("Ban Ki-moon", "IGOUNO"),
        ("Bashar al-Assad", "SYRGOV"),
        ("Assad", "SYRGOV"),
        ("Lavrov", "RUSGOV"),
    ] {
        assert_eq!(d.codes_of(name, on), [code], "{name} on {on}");
    }
}

#[test]
fn roles_change_with_the_date() {
    let d = dicts();
    assert_eq!(d.codes_of("Kofi Annan", day("2000-01-01")), ["IGOUNO"]);
    assert_eq!(
        d.codes_of("Kofi Annan", day("2009-01-01")),
        Vec::<&str>::new()
    );
    assert_eq!(d.codes_of("Hague", day("1999-06-01")), ["GBROPP"]);
    // Hollande took office on 2012-05-15; Sarkozy held it until then.
    assert_eq!(
        d.codes_of("Hollande", day("2012-05-10")),
        Vec::<&str>::new()
    );
    assert_eq!(d.codes_of("Sarkozy", day("2012-05-10")), ["FRAGOV"]);
    assert_eq!(d.codes_of("Cameron", day("2008-01-01")), ["GBROPP"]);
    let annan = d.roles_of("Annan", day("2012-05-31"));
    assert_eq!(annan.len(), 1);
    assert!(annan[0].role.title.contains("Syria"), "{:?}", annan[0].role);
}

#[test]
fn example_article_organisations_and_forms() {
    let d = dicts();
    let org = |form: &str| -> Vec<&str> {
        d.organizations_named(form)
            .iter()
            .map(|o| o.code.as_str())
            .collect()
    };
    assert_eq!(org("UN Human Rights Council"), ["IGOUNO"]);
    assert_eq!(org("UN Security Council"), ["IGOUNO"]);
    assert_eq!(org("International Criminal Court"), ["IGOJUD"]);
    assert_eq!(org("ICC"), ["IGOJUD"]);
    assert_eq!(org("Channel 4 News"), ["GBRMED"]);
    let ctx = |form: &str, c: Option<&str>| d.contextual_reading(form, c).map(|r| r.code.as_str());
    assert_eq!(
        ctx("National Security Council", Some("GBR")),
        Some("GBRGOV")
    );
    assert_eq!(
        ctx("National Security Council", Some("USA")),
        Some("USAGOV")
    );
    assert_eq!(ctx("National Security Council", None), Some("USAGOV"));
    let country = |form: &str| -> Vec<&str> {
        d.country_forms(form)
            .iter()
            .map(|c| c.code.as_str())
            .collect()
    };
    assert_eq!(country("Russia"), ["RUS"]);
    assert_eq!(country("China"), ["CHN"]);
    assert_eq!(country("Downing Street"), ["GBRGOV"]);
    assert_eq!(country("Number 10"), ["GBRGOV"]);
    assert_eq!(country("Syrian"), ["SYR"]);
    assert_eq!(country("Britain"), ["GBR"]);
    assert_eq!(country("Moscow"), ["RUS"]);
    // A form may be both a noun and a title ("spokesman", "Spokesman"): compare the codes.
    let agent = |form: &str| -> Vec<&str> {
        let mut codes: Vec<&str> = d
            .agents_named(form)
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        codes.dedup();
        codes
    };
    assert_eq!(agent("forces"), ["MIL"]);
    assert_eq!(agent("regime"), ["GOV"]);
    assert_eq!(agent("diplomats"), ["GOV"]);
    assert_eq!(agent("opposition groups"), ["OPP"]);
    assert_eq!(agent("counterpart"), ["GOV"]);
    assert_eq!(agent("Prime Minister"), ["GOV"]);
    assert_eq!(agent("Foreign Secretary"), ["GOV"]);
    assert_eq!(agent("spokesman"), ["GOV"]);
}

#[test]
fn shared_short_names_resolve_by_date() {
    let d = dicts();
    let who = |name: &str, on: &str| -> Vec<String> {
        d.roles_of(name, day(on))
            .iter()
            .map(|m| m.person.id.clone())
            .collect()
    };
    assert_eq!(who("Assad", "1995-06-01"), ["hafez-al-assad"]);
    assert_eq!(who("Assad", "2012-05-31"), ["bashar-al-assad"]);
    assert_eq!(who("Assad", "2025-06-01"), Vec::<String>::new());
}

#[test]
fn loads_a_users_own_directory() {
    let dir = std::env::temp_dir().join(format!("tacitus-dict-test-{}", std::process::id()));
    let actors = dir.join("actors");
    std::fs::create_dir_all(&actors).unwrap();
    let files = [
        (
            "codes.tsv",
            "GBR\tcountry\tUnited Kingdom\nGOV\trole\tgovernment\n",
        ),
        ("countries.tsv", "GBR\tname\tUnited Kingdom\n"),
        ("organizations.tsv", ""),
        ("contextual.tsv", ""),
        ("people.tsv", "jane-doe\tJane Doe|Doe\n"),
        ("roles.tsv", "jane-doe\tGBRGOV\t2030-01\t..\tMinister\n"),
        ("agents.tsv", "minister\tGOV\tnoun\t-\n"),
    ];
    for (name, text) in files {
        std::fs::write(actors.join(name), text).unwrap();
    }
    let d = Dictionaries::from_dir(&dir).expect("a user's directory loads");
    assert_eq!(d.codes_of("Doe", day("2030-02-01")), ["GBRGOV"]);
    // Without a manifest the lint says so (and nothing else).
    let errors = dict::lint(&DataSet::from_dir(&dir).unwrap());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("manifest is missing"));
    std::fs::remove_dir_all(&dir).unwrap();
}
