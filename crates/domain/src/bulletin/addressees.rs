//! Whom a region's documents address (主送): the kinds of county-level units it has.

/// Whom a region's documents address (主送), from the short names of its county-level units and
/// whether it has development zones: `各县（市、区）人民政府，开发区管委会，市直各有关单位：` when
/// it has counties, county-level cities and districts — only the kinds it has are named
/// (`各县（区）`, `各区`, …).
pub fn addressees(counties: &[&str], zones: bool) -> String {
    let has = |suffix: char| {
        counties
            .iter()
            .any(|c| c.trim_end_matches("人民政府").ends_with(suffix))
    };
    let kinds: Vec<&str> = [('县', "县"), ('市', "市"), ('区', "区")]
        .into_iter()
        .filter(|(c, _)| has(*c))
        .map(|(_, k)| k)
        .collect();
    let mut out = String::new();
    match kinds.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("各{one}人民政府，")),
        [first, rest @ ..] => out.push_str(&format!("各{first}（{}）人民政府，", rest.join("、"))),
    }
    if zones {
        out.push_str("开发区管委会，");
    }
    out.push_str("市直各有关单位：");
    out
}
