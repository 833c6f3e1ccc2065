//! Tests of `work_report`.

use super::*;

#[test]
fn the_plan_has_more_than_100_tasks_in_three_levels() {
    let goals = GOALS.len();
    let tasks: usize = GOALS.iter().map(|g| g.tasks.len()).sum();
    let measures: usize = GOALS
        .iter()
        .flat_map(|g| g.tasks.iter())
        .map(|t| t.measures.len())
        .sum();
    assert!(goals + tasks + measures >= 100, "{goals}+{tasks}+{measures}");
    assert!(measures >= CYCLE.len(), "every profile occurs");
}

#[test]
fn every_unit_key_exists() {
    for g in GOALS {
        assert!(!unit_full_name(g.lead).is_empty(), "{}", g.lead);
        for t in g.tasks {
            assert!(!unit_full_name(t.lead).is_empty(), "{}", t.lead);
            for m in t.measures {
                assert!(!unit_full_name(m.lead).is_empty(), "{}", m.lead);
                for c in m.co {
                    assert!(!unit_full_name(c).is_empty(), "{c}");
                }
            }
        }
    }
}
