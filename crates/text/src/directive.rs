//! Narrative texts (a meeting report, a speech): directive clauses — those after 要, 必须,
//! 务必… — are read by their grammar. A clause leads with its verb (after any adverbs); a verb
//! that sets work with a concrete object makes a task, a verb of stance makes a principle, a
//! framing verb or marker (以…为, 按照, 围绕, 作为…) makes nothing. Clauses joined by 、 that
//! each lead with a verb are items of their own, and a verb over a list closed by 等…工作/活动
//! makes one item per entry.

mod clause;

use crate::directive::clause::{
    DECISION_HEADINGS, DIRECTING_FRAMES, Head, PREPOSITIONS, SITUATION_FRAMES, TIME_SUFFIXES, abstract_object, head,
    known_verb, starts_with_any,
};
use crate::{
    ItemKind, Proposal,
    chars::{Text, trim_span},
    deadline, indicator,
    lexicon::{INDICATOR_MARKS, MEANS_OBJECTS, TASK_FORCE_NOUNS, TASK_VERBS, domain_of},
    segment, units,
};
pub(crate) use clause::modal_end;

const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '\n'];
const CLAUSE_ENDS: &[char] = &['，', ',', '；', ';', '：', ':'];

/// What a clause is, if it is an item at all.
fn classify(clause: &str) -> Option<ItemKind> {
    if segment::is_statement(clause) {
        return None;
    }
    let c = clause.trim();
    // 对…造成严重后果的(,…问责): a clause ending in 的 names whom the next one is about.
    // 供暖期内(,…): a clause that only says when.
    if c.ends_with('的') || (c.chars().count() <= 8 && TIME_SUFFIXES.iter().any(|s| c.ends_with(s))) {
        return None;
    }
    let (h, verb, object) = head(clause);
    match h {
        // A number with its target and no verb before it (城镇调查失业率控制在5.5%以内).
        Head::None if indicator::find(clause).is_some() => Some(ItemKind::Indicator),
        Head::None => None,
        Head::Principle => Some(ItemKind::Principle),
        Head::Task if abstract_object(&object) => Some(ItemKind::Principle),
        Head::Task if MEANS_OBJECTS.iter().any(|m| object.trim_end().ends_with(m)) => None,
        Head::Task => Some(kind_of(clause, verb, &object)),
    }
}

fn kind_of(clause: &str, verb: &str, object: &str) -> ItemKind {
    if ["组建", "成立", "设立", "建立", "筹建"].contains(&verb) && TASK_FORCE_NOUNS.iter().any(|n| object.contains(n))
    {
        ItemKind::TaskForce
    } else if ["谋划", "包装", "储备"].contains(&verb) && object.contains("项目") {
        ItemKind::ProjectCall
    } else if INDICATOR_MARKS.iter().any(|m| clause.contains(m)) || indicator::find(clause).is_some() {
        ItemKind::Indicator
    } else {
        ItemKind::Task
    }
}

fn proposal(t: &Text<'_>, kind: ItemKind, title: String, span: (usize, usize), context: &str, year: i32) -> Proposal {
    let text = t.slice(span.0, span.1);
    Proposal {
        kind,
        domain: domain_of(&title).or_else(|| domain_of(context)).map(str::to_string),
        units: units::mentions(text),
        deadline: deadline::find(text, year).map(|(d, _, _)| d),
        indicator: indicator::find(text).map(|(i, _, _)| i),
        title,
        span,
        level: 1,
        number: String::new(),
        parent: None,
        lead_units: vec![],
        co_units: vec![],
    }
}

/// Splits `from..to` at the characters in `ends`, never inside quotes or brackets.
fn split(t: &Text<'_>, from: usize, to: usize, ends: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    let mut depth = 0i32;
    for (i, c) in t.slice(from, to).chars().enumerate() {
        match c {
            '“' | '(' | '（' | '《' | '「' => depth += 1,
            '”' | ')' | '）' | '》' | '」' => depth -= 1,
            c if depth <= 0 && ends.contains(&c) => {
                out.push((start, from + i));
                start = from + i + 1;
            }
            _ => {}
        }
    }
    out.push((start, to));
    out.into_iter()
        .map(|(a, b)| trim_span(t, a, b, &[]))
        .filter(|(a, b)| a < b)
        .collect()
}

/// A verb over a list closed by 等…工作/活动/任务: one item per entry. Returns the entries'
/// spans and the verb.
fn enumeration<'a>(t: &Text<'a>, from: usize, to: usize) -> Option<(&'a str, Vec<(usize, usize)>)> {
    let s = t.slice(from, to);
    let (h, verb, _) = head(s);
    if h != Head::Task {
        return None;
    }
    let vpos = s.find(verb)?;
    let list_start = from + s[..vpos + verb.len()].chars().count();
    let tail_pos = ["等各项工作", "等工作", "等活动", "等各项任务", "等任务", "等重点工作"]
        .iter()
        .filter_map(|m| s.rfind(m))
        .min()?;
    let list_end = from + s[..tail_pos].chars().count();
    let mut entries = split(t, list_start, list_end, &['、']);
    // The last two entries may be joined by 和/及/以及.
    if let Some(&(a, b)) = entries.last() {
        let last = t.slice(a, b);
        let mut depth = 0;
        let mut cut = None;
        for (i, c) in last.chars().enumerate() {
            match c {
                '“' | '(' | '（' => depth += 1,
                '”' | ')' | '）' => depth -= 1,
                '和' | '及' if depth == 0 && i > 1 => cut = Some(i),
                _ => {}
            }
        }
        if let Some(i) = cut {
            entries.pop();
            entries.push((a, a + i));
            entries.push((a + i + 1, b));
        }
    }
    (entries.len() >= 2).then_some((verb, entries))
}

/// Every directive item of a narrative text.
pub fn extract(t: &Text<'_>, year: i32) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    // Whether an earlier sentence of this paragraph directed: the sentences after it that carry
    // no modal of their own (市应急管理局牵头,…完成…排查) go on directing.
    let mut directing = false;
    // Whether a heading such as 会议议定事项: has made every paragraph after it a decision.
    let mut decisions = false;
    let mut last_end = 0;
    for (s_from, s_to) in split(t, 0, t.len(), SENTENCE_ENDS) {
        if t.slice(last_end, s_from).contains('\n') {
            directing = decisions;
        }
        last_end = s_to;
        let sentence = t.slice(s_from, s_to);
        let clauses = split(t, s_from, s_to, CLAUSE_ENDS);
        let opening = clauses.first().map(|(a, b)| t.slice(*a, *b)).unwrap_or("");
        // 会议认为,… / 会议指出,… describe the situation: nothing in the sentence is an item.
        let has_modal = clauses.iter().any(|(a, b)| modal_end(t.slice(*a, *b)).is_some());
        if SITUATION_FRAMES.iter().any(|f| opening.ends_with(f)) && !has_modal {
            directing = false;
            continue;
        }
        if sentence.trim_end().ends_with(['：', ':']) && DECISION_HEADINGS.iter().any(|h| sentence.contains(h)) {
            decisions = true;
            directing = true;
            continue;
        }
        // Clauses before the first modal frame the sentence; the rest are directives.
        // 会议要求,… / 会议强调:… direct what follows as a modal does.
        let framed = clauses
            .iter()
            .position(|(a, b)| DIRECTING_FRAMES.iter().any(|f| t.slice(*a, *b).ends_with(f)))
            .map(|i| i + 1);
        let modal = clauses.iter().position(|(a, b)| modal_end(t.slice(*a, *b)).is_some());
        let first = match framed.into_iter().chain(modal).min().filter(|f| *f < clauses.len()) {
            Some(_) | None if decisions => 0,
            Some(first) => first,
            None if directing => 0,
            None => continue,
        };
        directing = true;
        let first_item = out.len();
        let (lead, co) = owners(t, &clauses);
        // The subject in force: each clause's items are led by the last unit named as a
        // subject (市应急局要…; 东城区、西山区政府要…), else by the sentence's 牵头 units.
        let mut subject_now: Vec<String> = Vec::new();
        let mut mark = out.len();
        for &(a, b) in clauses.iter().skip(first) {
            // The items of the clause before carry the subject that was in force for it.
            for p in &mut out[mark..] {
                p.lead_units = subject_now.clone();
            }
            mark = out.len();
            let mut a = a;
            // A numbered paragraph (七、谋划…) starts after its number.
            if let Some((_, _, n)) = crate::outline::marker(t.slice(a, b)) {
                a += n;
            }
            if let Some(m) = modal_end(t.slice(a, b)) {
                // A unit before the modal (市水利局要…) leads the sentence's items.
                let subject = units::mentions(t.slice(a, a + m));
                // The subject is the units named, give or take a few characters (东城区、西山区政府要).
                let mut rest_of_subject = t.slice(a, a + m).to_string();
                for u in &subject {
                    rest_of_subject = rest_of_subject.replacen(u.as_str(), "", 1);
                }
                let whole = rest_of_subject.chars().filter(|c| !"、和及与".contains(*c)).count() <= 4;
                if !subject.is_empty() && whole {
                    for p in &mut out[mark..] {
                        p.lead_units = subject_now.clone();
                    }
                    mark = out.len();
                    subject_now = subject;
                }
                // The subject and modal (各级领导干部要) are not part of the item; a longer
                // subject is one when it is a noun phrase (12345政务服务便民热线要…).
                let noun_subject = m <= 24 && !segment::has_verb(t.slice(a, a + m));
                if m <= 10 || whole || noun_subject {
                    a += m;
                } else if indicator::find(t.slice(a, b)).is_some() {
                    // A long subject before the modal names a number with its target:
                    // 全年…事故起数和死亡人数要比上年下降10%以上.
                    let span = trim_span(t, a, b, &[]);
                    let title = t.slice(span.0, span.1).to_string();
                    out.push(proposal(t, ItemKind::Indicator, title, span, sentence, year));
                    continue;
                }
            }
            let (mut a, b) = trim_span(t, a, b, &[]);
            if a >= b {
                continue;
            }
            // 市政府成立…, 国网供电公司做好…: a unit as the subject of a directed clause.
            let clause = t.slice(a, b);
            if let Some(u) = units::mentions(clause)
                .into_iter()
                .next()
                .filter(|u| clause.starts_with(u.as_str()))
            {
                let after = &clause[u.len()..];
                if starts_with_any(after, TASK_VERBS).is_some() || segment::leading_verb(after).is_some() {
                    a += u.chars().count();
                    subject_now = vec![u];
                }
            }
            if let Some((verb, entries)) = enumeration(t, a, b) {
                for (ea, eb) in entries {
                    let title = format!("{verb}{}", t.slice(ea, eb));
                    let kind = kind_of(&title, verb, t.slice(ea, eb));
                    out.push(proposal(t, kind, title, (ea, eb), sentence, year));
                }
                continue;
            }
            // Verb phrases joined by 、 are items of their own.
            let parts = split(t, a, b, &['、']);
            // Only verbs the lexicon knows coordinate: 在建、拟建重大项目 joins two modifiers.
            // A leading 对X is shared by the verbs after it (对…建立台账、跟踪督办): one item.
            let shared = starts_with_any(t.slice(a, b), PREPOSITIONS).is_some();
            let all_verbs = parts.len() > 1
                && !shared
                && parts.iter().all(|(pa, pb)| {
                    let (h, verb, _) = head(t.slice(*pa, *pb));
                    (h != Head::None && known_verb(verb)) || t.slice(*pa, *pb).contains("带头")
                });
            let pieces = if all_verbs { parts } else { vec![(a, b)] };
            for (pa, pb) in pieces {
                let text = t.slice(pa, pb);
                if let Some(kind) = classify(text) {
                    out.push(proposal(t, kind, text.to_string(), (pa, pb), sentence, year));
                }
            }
        }
        for p in &mut out[mark..] {
            p.lead_units = subject_now.clone();
        }
        for p in &mut out[first_item..] {
            // Without a subject, the sentence's 牵头 units lead.
            if p.lead_units.is_empty() {
                p.lead_units = lead.clone();
            }
            p.co_units = co.iter().filter(|u| !p.lead_units.contains(u)).cloned().collect();
            for u in p.lead_units.clone().iter().chain(&p.co_units.clone()) {
                if !p.units.contains(u) {
                    p.units.push(u.clone());
                }
            }
        }
    }
    out
}

/// The owners a sentence names in clauses of their own: `A牵头` leads, `B配合` and `会同C`
/// help.
fn owners(t: &Text<'_>, clauses: &[(usize, usize)]) -> (Vec<String>, Vec<String>) {
    let (mut lead, mut co) = (Vec::new(), Vec::new());
    for &(a, b) in clauses {
        let c = t.slice(a, b).trim();
        let list = if ["牵头负责", "牵头"].iter().any(|m| c.ends_with(m)) {
            &mut lead
        } else if ["配合", "协助", "参与", "按职责分工负责", "协同"]
            .iter()
            .any(|m| c.ends_with(m))
            || ["会同", "联合"].iter().any(|m| c.contains(m))
        {
            &mut co
        } else {
            continue;
        };
        for u in units::mentions(c) {
            if !list.contains(&u) {
                list.push(u);
            }
        }
    }
    (lead, co)
}

#[cfg(test)]
mod tests;
