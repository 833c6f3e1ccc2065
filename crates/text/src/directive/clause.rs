//! Reading one directive clause: where its modal (要, 必须, 务必…) ends, the time words it leads with, and its head — the verb it leads with and that verb's object.

use crate::{
    deadline, indicator, lexicon::ABSTRACT_OBJECTS, lexicon::ADVERBS, lexicon::FRAMING, lexicon::GENERIC_OBJECTS,
    lexicon::PRINCIPLE_VERBS, lexicon::TASK_VERBS, segment, units,
};

pub(super) const MODALS: &[&str] = &["必须", "务必", "应当", "力争", "决定", "须", "要"];

/// Where the modal of a clause ends (`要` not in 要求/重要/主要…), in characters.
pub(crate) fn modal_end(clause: &str) -> Option<usize> {
    // 要求市发改委…印发 / 责成市水利局…: the unit told to act is the subject.
    for ask in ["要求", "责成", "请"] {
        if let Some(rest) = clause.trim_start().strip_prefix(ask) {
            // 请市住建局、市应急局…: every unit of the list is told.
            let mut at = 0;
            for u in units::mentions(rest) {
                let here = rest[at..].trim_start_matches(['、', '和', '及']);
                if !here.starts_with(u.as_str()) {
                    break;
                }
                at = rest.len() - here.len() + u.len();
            }
            if at > 0 {
                return Some(clause.chars().count() - rest.chars().count() + rest[..at].chars().count());
            }
        }
    }
    // 市住建局负责督促…: a unit in charge of work it is told to do.
    if let Some(u) = units::mentions(clause).first()
        && let Some(after) = clause.trim_start().strip_prefix(u.as_str())
        && let Some(rest) = after.strip_prefix("负责")
        && !rest.trim().is_empty()
    {
        return Some(clause.chars().count() - rest.chars().count());
    }
    let cs: Vec<char> = clause.chars().collect();
    for i in 0..cs.len() {
        for m in MODALS {
            let mc: Vec<char> = m.chars().collect();
            if cs[i..].starts_with(&mc) {
                let next = cs.get(i + mc.len()).copied();
                let prev = if i > 0 { cs.get(i - 1).copied() } else { None };
                if *m == "要"
                    && (matches!(next, Some('求' | '点' | '素' | '害' | '闻' | '务' | '件' | '是'))
                        || matches!(prev, Some('重' | '主' | '必' | '需' | '纪' | '提' | '摘' | '只')))
                {
                    continue;
                }
                if *m == "须" && matches!(prev, Some('必' | '无')) {
                    continue;
                }
                return Some(i + mc.len());
            }
        }
    }
    None
}

/// The longest word of `list` that `s` starts with.
pub(super) fn starts_with_any<'a>(s: &str, list: &'a [&'a str]) -> Option<&'a str> {
    list.iter()
        .filter(|w| s.starts_with(*w))
        .max_by_key(|w| w.len())
        .copied()
}

/// Clauses that announce directives: what follows them is directed (会议要求,…).
pub(super) const DIRECTING_FRAMES: &[&str] = &["要求", "强调", "议定", "决定", "明确", "提出"];

/// Clauses that describe the situation rather than direct (会议认为,…).
pub(super) const SITUATION_FRAMES: &[&str] = &["认为", "指出", "听取", "回顾", "总结", "肯定"];

/// Headings after which every paragraph is a decision (会议议定事项:, 纪要如下:).
pub(super) const DECISION_HEADINGS: &[&str] = &["议定事项", "议定", "如下", "要求", "决定", "部署"];

/// Prepositions that put the object before the verb (对重点企业开展明查暗访).
/// 会同X开展… and 联合X开展… put the helper first in the same way.
pub(super) const PREPOSITIONS: &[&str] = &["对于", "针对", "对", "会同", "联合", "协同"];

/// Verbs that end a 把/将 construction by moving the object somewhere (将方案报…办公室,
/// 把…纳入…考核).
pub(super) const DISPOSAL_VERBS: &[&str] = &["纳入", "列入", "移交", "报送", "上报", "报", "交", "送"];

/// Endings of a short clause that only says when (供暖期内, 汛期期间).
pub(super) const TIME_SUFFIXES: &[&str] = &["期内", "期间", "以来", "之际", "之前", "之后"];

/// Verbs over a whole clause (确保X达到Y): the item is the clause they govern.
pub(super) const CLAUSE_VERBS: &[&str] = &["确保", "保证"];

/// Time words that open a clause as adverbials.
pub(super) const TIME_WORDS: &[&str] = &[
    "汛前",
    "汛期",
    "年内",
    "年底前",
    "近期",
    "今年",
    "明年",
    "全年",
    "下一步",
    "下步",
    "当前",
    "目前",
    "今后",
    "同时",
    "每月",
    "每周",
    "每季度",
    "每年",
    "按月",
    "按季度",
    "按周",
    "定期",
];

/// The length in bytes of a time limit or time word that opens `s`.
pub(super) fn leading_time(s: &str) -> Option<usize> {
    if let Some(w) = starts_with_any(s, TIME_WORDS) {
        return Some(w.len());
    }
    // 每半月通报 / 逐小区制定: a distributive phrase of a few characters before a known verb.
    if s.starts_with(['每', '逐']) {
        for (i, _) in s.char_indices().skip(2).take(3) {
            if starts_with_any(&s[i..], TASK_VERBS).is_some() {
                return Some(i);
            }
        }
    }
    // 在8月底前拨付: a time limit after 在 is adverbial as well.
    let at = if s.starts_with(['在', '于']) {
        '在'.len_utf8()
    } else {
        0
    };
    // Only a date: 持续推进 and 长期坚持 read as deadlines, but lead a clause as its verb.
    if let Some((d, a, b)) = deadline::find_all(&s[at..], 2000).into_iter().next()
        && a == 0
        && d.date.is_some()
        && at + b < s.len()
    {
        return Some(at + b);
    }
    // 在明年3月底前, 在10日内, 在国庆节前: any short time phrase after 在/于 ending in 前/内.
    if at > 0 {
        static R: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
        let re = R
            .get_or_init(|| regex::Regex::new(r"^[^，,。；;、]{1,10}?(?:之前|以前|以内|之内|前|内|底|期间)").ok())
            .as_ref()?;
        let m = re.find(&s[at..])?;
        let temporal = m
            .as_str()
            .contains(['年', '月', '日', '天', '周', '节', '季', '期', '旬', '底']);
        return (temporal && at + m.end() < s.len()).then_some(at + m.end());
    }
    None
}

/// What a clause's verb says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Head {
    Task,
    Principle,
    None,
}

/// The head verb of a clause (after adverbs) and what follows it.
pub(super) fn head(clause: &str) -> (Head, &str, String) {
    let mut rest = clause.trim();
    // 领导带头包联 / 由市领导牵头推进: a leading "X带头" or "由X牵头" is adverbial.
    // 牵头梳理…: the lead marker before a verb is adverbial too.
    if let Some(after) = rest.strip_prefix("牵头").filter(|a| !a.is_empty()) {
        rest = after;
    }
    if let Some(i) = rest.find("带头")
        && rest[..i].chars().count() <= 4
    {
        rest = &rest[i + "带头".len()..];
    }
    let mut stripped: Vec<&str> = Vec::new();
    loop {
        // A time limit or time word opening the clause (7月15日前完成, 汛前完成) is adverbial.
        if let Some(n) = leading_time(rest) {
            rest = rest[n..].trim_start();
            continue;
        }
        // 长期坚持做好…, 持续抓好…: before a verb of work, 坚持 says how long, not what.
        if let Some(k) = ["长期坚持", "坚持"].iter().find(|k| rest.starts_with(*k))
            && starts_with_any(&rest[k.len()..], TASK_VERBS).is_some()
        {
            rest = &rest[k.len()..];
            continue;
        }
        if let Some(a) = starts_with_any(rest, ADVERBS) {
            let after = &rest[a.len()..];
            // 加快/统筹/抓紧 are adverbs before a verb but verbs before a noun.
            if starts_with_any(after, TASK_VERBS).is_none()
                && starts_with_any(after, PRINCIPLE_VERBS).is_none()
                && starts_with_any(after, ADVERBS).is_none()
                && starts_with_any(rest, TASK_VERBS).is_some()
            {
                break;
            }
            stripped.push(a);
            rest = after;
        } else if let Some(a) = segment::leading_adverb(rest) {
            // An adverb the lexicon lacks (从严整治), known by its part of speech.
            rest = &rest[a.len()..];
        } else {
            break;
        }
    }
    let framing = starts_with_any(rest, FRAMING);
    // 开发区 starts with 开发 but is a noun: a verb must be a whole word.
    let task = starts_with_any(rest, TASK_VERBS).filter(|v| !segment::inside_noun(rest, v));
    let principle = starts_with_any(rest, PRINCIPLE_VERBS);
    // 确保X达到Y: a target is an indicator, work a task; 确保信息畅通 is a principle.
    if let Some(c) = starts_with_any(rest, CLAUSE_VERBS) {
        let governed = &rest[c.len()..];
        if indicator::find(governed).is_some() {
            return (Head::Task, c, governed.to_string());
        }
        // Work needs its object: 确保按期完成 is a stance, 确保…资金直达快享 is work.
        // 确保…12件民生实事…全部兑现: a thing of its own made to happen is work too.
        let with_subject = segment::final_verb(governed).is_some_and(|i| governed[..i].chars().count() >= 4);
        return match segment::verb_after(governed) {
            Some((v, i)) if governed[i + v.len()..].chars().count() >= 2 => (Head::Task, c, governed.to_string()),
            _ if with_subject => (Head::Task, c, governed.to_string()),
            _ => (Head::Principle, c, governed.to_string()),
        };
    }
    // 以市政府名义印发: 以…名义 is a prepositional phrase before the verb.
    if rest.starts_with('以')
        && ["名义", "方式", "形式"].iter().any(|w| rest.contains(w))
        && let Some((v, i)) = segment::verb_after(&rest['以'.len_utf8()..])
    {
        return (Head::Task, v, rest['以'.len_utf8() + i + v.len()..].to_string());
    }
    // 对X开展Y / 针对X制定Y: a prepositional object, then the verb that sets the work. A
    // clause that is the phrase alone (对…作出的决策部署,) frames what follows.
    if let Some(p) = starts_with_any(rest, PREPOSITIONS) {
        // The object may be a list (对新接入小区、老旧小区以及…等特殊群体): the verb comes
        // after its last entry.
        let object = &rest[p.len()..];
        let list_end = ["、", "以及", "等"]
            .iter()
            .filter_map(|m| object.rfind(m).map(|i| i + m.len()))
            .max()
            .unwrap_or(0);
        let tail = &object[list_end..];
        // …建立台账、跟踪督办: the 、 joins verb phrases, and the first verb is the head.
        let joins_verbs = list_end > 0 && starts_with_any(tail, TASK_VERBS).is_some();
        let found = if joins_verbs {
            segment::verb_after(object)
        } else {
            segment::verb_after(tail).map(|(v, i)| (v, list_end + i))
        };
        return match found {
            Some((v, i)) => (Head::Task, v, object[i + v.len()..].to_string()),
            None => (Head::None, "", String::new()),
        };
    }
    // 把X打造成Y: the verb comes after the object.
    let disposal = if rest.starts_with('将') && !rest.starts_with("将于") {
        Some("将")
    } else {
        framing.filter(|f| *f == "把")
    };
    if let Some(ba) = disposal {
        let after = &rest[ba.len()..];
        // 把X作为Y frames; only 把X + a verb of work (打造成, 建成) sets work.
        if ["作为", "当作", "当成", "看作"].iter().any(|w| after.contains(w)) {
            return (Head::None, "", String::new());
        }
        for (i, _) in after.char_indices().skip(1) {
            let tail = &after[i..];
            if let Some(v) = starts_with_any(tail, TASK_VERBS).or_else(|| starts_with_any(tail, DISPOSAL_VERBS)) {
                return (Head::Task, v, tail[v.len()..].to_string());
            }
        }
        return (Head::None, "", String::new());
    }
    let best = [(framing, Head::None), (task, Head::Task), (principle, Head::Principle)]
        .into_iter()
        .filter_map(|(w, h)| w.map(|w| (w, h)))
        .max_by_key(|(w, _)| w.len());
    match best {
        Some((w, h)) => (h, w, rest[w.len()..].to_string()),
        // A verb the lexicon lacks is known by its part of speech.
        None => match segment::leading_verb(rest) {
            Some(v) => (Head::Task, v, rest[v.len()..].to_string()),
            None => (Head::None, "", String::new()),
        },
    }
}

/// Whether the lexicon lists `verb` (rather than jieba's tags suggesting it).
pub(super) fn known_verb(verb: &str) -> bool {
    [TASK_VERBS, PRINCIPLE_VERBS, CLAUSE_VERBS, FRAMING]
        .iter()
        .any(|l| l.contains(&verb))
}

/// Whether a verb's object is an attitude or abstraction (提升…本领, 提高…能力).
pub(super) fn abstract_object(object: &str) -> bool {
    let o = object.trim_end_matches(['”', '"', '」']).trim();
    // 发放到位, 落实到位: only a result, completing the work named before.
    if ["到位", "完毕", "到底", "见效"].contains(&o) {
        return true;
    }
    // No object at all is a verb used alone (包联, 开工): work, not an attitude.
    !o.is_empty()
        && (GENERIC_OBJECTS.contains(&o) || o.chars().count() < 2 || ABSTRACT_OBJECTS.iter().any(|a| o.ends_with(a)))
}
