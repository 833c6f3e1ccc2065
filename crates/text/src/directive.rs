//! Narrative texts (a meeting report, a speech): directive clauses — those after 要, 必须,
//! 务必… — are read by their grammar. A clause leads with its verb (after any adverbs); a verb
//! that sets work with a concrete object makes a task, a verb of stance makes a principle, a
//! framing verb or marker (以…为, 按照, 围绕, 作为…) makes nothing. Clauses joined by 、 that
//! each lead with a verb are items of their own, and a verb over a list closed by 等…工作/活动
//! makes one item per entry.

use crate::{
    ItemKind, Proposal,
    chars::{Text, trim_span},
    deadline, indicator,
    lexicon::{
        ABSTRACT_OBJECTS, ADVERBS, FRAMING, GENERIC_OBJECTS, INDICATOR_MARKS, MEANS_OBJECTS, PRINCIPLE_VERBS,
        TASK_FORCE_NOUNS, TASK_VERBS, domain_of,
    },
    segment, units,
};

const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '\n'];
const CLAUSE_ENDS: &[char] = &['，', ',', '；', ';', '：', ':'];
const MODALS: &[&str] = &["必须", "务必", "应当", "力争", "决定", "须", "要"];

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
fn starts_with_any<'a>(s: &str, list: &'a [&'a str]) -> Option<&'a str> {
    list.iter()
        .filter(|w| s.starts_with(*w))
        .max_by_key(|w| w.len())
        .copied()
}

/// Clauses that announce directives: what follows them is directed (会议要求,…).
const DIRECTING_FRAMES: &[&str] = &["要求", "强调", "议定", "决定", "明确", "提出"];

/// Clauses that describe the situation rather than direct (会议认为,…).
const SITUATION_FRAMES: &[&str] = &["认为", "指出", "听取", "回顾", "总结", "肯定"];

/// Headings after which every paragraph is a decision (会议议定事项:, 纪要如下:).
const DECISION_HEADINGS: &[&str] = &["议定事项", "议定", "如下", "要求", "决定", "部署"];

/// Prepositions that put the object before the verb (对重点企业开展明查暗访).
/// 会同X开展… and 联合X开展… put the helper first in the same way.
const PREPOSITIONS: &[&str] = &["对于", "针对", "对", "会同", "联合", "协同"];

/// Verbs that end a 把/将 construction by moving the object somewhere (将方案报…办公室,
/// 把…纳入…考核).
const DISPOSAL_VERBS: &[&str] = &["纳入", "列入", "移交", "报送", "上报", "报", "交", "送"];

/// Endings of a short clause that only says when (供暖期内, 汛期期间).
const TIME_SUFFIXES: &[&str] = &["期内", "期间", "以来", "之际", "之前", "之后"];

/// Verbs over a whole clause (确保X达到Y): the item is the clause they govern.
const CLAUSE_VERBS: &[&str] = &["确保", "保证"];

/// Time words that open a clause as adverbials.
const TIME_WORDS: &[&str] = &[
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
fn leading_time(s: &str) -> Option<usize> {
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
enum Head {
    Task,
    Principle,
    None,
}

/// The head verb of a clause (after adverbs) and what follows it.
fn head(clause: &str) -> (Head, &str, String) {
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
fn known_verb(verb: &str) -> bool {
    [TASK_VERBS, PRINCIPLE_VERBS, CLAUSE_VERBS, FRAMING]
        .iter()
        .any(|l| l.contains(&verb))
}

/// Whether a verb's object is an attitude or abstraction (提升…本领, 提高…能力).
fn abstract_object(object: &str) -> bool {
    let o = object.trim_end_matches(['”', '"', '」']).trim();
    // 发放到位, 落实到位: only a result, completing the work named before.
    if ["到位", "完毕", "到底", "见效"].contains(&o) {
        return true;
    }
    // No object at all is a verb used alone (包联, 开工): work, not an attitude.
    !o.is_empty()
        && (GENERIC_OBJECTS.contains(&o) || o.chars().count() < 2 || ABSTRACT_OBJECTS.iter().any(|a| o.ends_with(a)))
}

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
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, ItemKind)> {
        let t = Text::new(s);
        extract(&t, 2020).into_iter().map(|p| (p.title, p.kind)).collect()
    }

    #[test]
    fn a_modal_starts_the_directives_and_framing_clauses_are_not_items() {
        let got = kinds("会议要求,要以创建文明城市为抓手,按照总体布局,加快推进老旧小区改造,确保按期完成。");
        assert_eq!(
            got,
            vec![
                ("加快推进老旧小区改造".to_string(), ItemKind::Task),
                ("确保按期完成".to_string(), ItemKind::Principle)
            ]
        );
    }

    #[test]
    fn attitudes_are_principles_and_work_is_tasks() {
        let got = kinds("各级干部要强化担当精神,提升能担当的本领,全面提升城市精细化管理水平。");
        assert_eq!(got[0].1, ItemKind::Principle);
        assert_eq!(got[1].1, ItemKind::Principle);
        assert_eq!(got[2], ("全面提升城市精细化管理水平".to_string(), ItemKind::Task));
    }

    #[test]
    fn a_list_closed_by_deng_gong_zuo_is_one_item_per_entry() {
        let got = kinds("还要持续抓好防汛抗旱、秸秆禁烧和地区生产总值增长目标等各项工作。");
        let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(titles, vec!["抓好防汛抗旱", "抓好秸秆禁烧", "抓好地区生产总值增长目标"]);
        assert_eq!(got[2].1, ItemKind::Indicator);
    }

    #[test]
    fn setting_up_a_group_is_a_task_force() {
        let got = kinds("要成立由分管副市长牵头的营商环境攻坚组,抓紧谋划储备一批重大项目。");
        assert_eq!(got[0].1, ItemKind::TaskForce);
        assert_eq!(got[1].1, ItemKind::ProjectCall);
    }

    #[test]
    fn verb_phrases_joined_by_dun_are_separate_items() {
        let got = kinds("要领导带头包联、加强协调调度、优化审批流程,全力加快项目建设。");
        let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            vec!["领导带头包联", "加强协调调度", "优化审批流程", "全力加快项目建设"]
        );
    }

    #[test]
    fn the_unit_before_the_modal_leads_and_helpers_are_read_from_their_clauses() {
        let t = Text::new("市人力资源和社会保障局要会同市财政局,9月底前出台稳就业十条措施。");
        let got = extract(&t, 2020);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].title, "9月底前出台稳就业十条措施");
        assert_eq!(got[0].lead_units, vec!["市人力资源和社会保障局"]);
        assert_eq!(got[0].co_units, vec!["市财政局"]);
        let t = Text::new("会议要求,市应急管理局牵头,市交通运输局配合,7月15日前完成道路隐患排查。");
        let got = extract(&t, 2020);
        assert_eq!(got[0].lead_units, vec!["市应急管理局"]);
        assert_eq!(got[0].co_units, vec!["市交通运输局"]);
        assert_eq!(
            got[0].deadline.as_ref().map(crate::deadline::label).as_deref(),
            Some("2020-07-15")
        );
    }

    #[test]
    fn a_sentence_without_a_directive_gives_nothing() {
        assert!(kinds("近年来,我市经济社会发展取得长足进步,主要指标进入全省第一方阵。").is_empty());
    }
}
