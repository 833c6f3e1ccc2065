//! Tests of `meeting`.

use super::*;

#[test]
fn every_phrase_is_found_in_the_meeting_text() {
    for g in GROUPS {
        for it in g.items {
            let (s, e) = span(TEXT, it.phrase).unwrap_or_else(|| panic!("{} not in text", it.phrase));
            let found: String = TEXT.chars().skip(s as usize).take((e - s) as usize).collect();
            assert_eq!(found, it.phrase);
        }
    }
}

#[test]
fn every_actionable_gold_item_has_a_task() {
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("../../../../seed/meeting-2020-05-07.gold.json")).unwrap();
    let phrases: Vec<&str> = GROUPS.iter().flat_map(|g| g.items.iter().map(|i| i.phrase)).collect();
    for item in gold["items"].as_array().unwrap() {
        let kind = item["kind"].as_str().unwrap();
        if ["task", "task_force", "indicator", "project_call"].contains(&kind) {
            let p = item["phrase"].as_str().unwrap();
            assert!(phrases.contains(&p), "no demo task for {kind} {p}");
        }
    }
}

#[test]
fn every_unit_key_exists() {
    let keys: Vec<&str> = crate::UNITS.iter().map(|u| u.0).collect();
    for g in GROUPS {
        assert!(keys.contains(&g.lead));
        for it in g.items {
            assert!(keys.contains(&it.lead), "{}", it.lead);
            for c in it.co {
                assert!(keys.contains(c), "{c}");
            }
        }
    }
}
