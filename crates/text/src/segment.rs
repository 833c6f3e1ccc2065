//! Word segmentation (jieba-rs, its dictionary compiled into the binary): the fallback that
//! recognises a verb the lexicon does not list, by its part of speech, so a directive with an
//! unseen verb (要疏浚…, 要盘整…) is still read as work.

use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::lexicon::{ADVERBS, FRAMING, PRINCIPLE_VERBS, TASK_VERBS};

/// The segmenter, built once: jieba's dictionary plus the lexicon's words, so a word the
/// lexicon knows is never cut in two.
static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut j = Jieba::new();
    for w in TASK_VERBS.iter().chain(PRINCIPLE_VERBS) {
        j.add_word(w, None, Some("v"));
    }
    for w in ADVERBS {
        j.add_word(w, None, Some("d"));
    }
    for w in FRAMING.iter().filter(|w| w.chars().count() > 1) {
        j.add_word(w, None, Some("p"));
    }
    j
});

/// Builds the segmenter now, so the first text read does not pay for it.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// Words that are verbs by their tag but never set work: copulas, modals, verbs of saying.
const NOT_WORK: &[&str] = &[
    "是", "有", "要", "会", "能", "可以", "应该", "需要", "认为", "表示", "指出", "强调", "希望", "进行", "作出",
    "做出", "取得", "存在", "感到", "觉得", "看到", "听取", "汇报", "讲话",
];

/// The first word of `s`, when it is a verb of at least two characters that can set work and
/// has an object after it. Verbal nouns (tag `vn`: 融资, 拆迁) and a verb standing alone
/// (积极响应) are not read as work: the lexicon alone decides those.
pub fn leading_verb(s: &str) -> Option<&str> {
    let mut words = JIEBA.tag(s, false).into_iter().peekable();
    let first = words.next()?;
    // 闭幕的… qualifies a noun; it is not the clause's verb.
    if words.peek().is_some_and(|w| w.word == "的") {
        return None;
    }
    // The object runs to the first mark: 响应、坚决执行 is a verb alone, then another.
    let object = words
        .map(|w| w.word)
        .take_while(|w| w.chars().all(char::is_alphanumeric))
        .map(|w| w.chars().count())
        .sum::<usize>();
    let verb = first.tag == "v" && first.word.chars().count() >= 2 && !NOT_WORK.contains(&first.word) && object >= 2;
    verb.then_some(first.word)
}

/// Whether a clause states a fact rather than directs: it reports what was done (确定了) or
/// describes (任务十分繁重, 差距较大).
pub fn is_statement(s: &str) -> bool {
    let words = JIEBA.tag(s.trim_end_matches(['。', '，', '；', ',', ';']), false);
    if words.iter().any(|w| w.tag == "ul") {
        return true;
    }
    let n = words.len();
    let degree = |w: &str| {
        ["较", "很", "更", "最", "极", "不", "十分", "非常", "相当"]
            .iter()
            .any(|d| w.starts_with(d))
    };
    n >= 2 && words[n - 1].tag == "a" && (matches!(words[n - 2].tag, "d" | "m") || degree(words[n - 1].word))
}

/// The first word of `s`, when it is an adverb (tag `d` or `ad`: 从严, 一律) with words after it.
pub fn leading_adverb(s: &str) -> Option<&str> {
    let mut words = JIEBA.tag(s, false).into_iter();
    let first = words.next()?;
    let adverb = matches!(first.tag, "d" | "ad") && first.word.chars().count() >= 2 && words.next().is_some();
    adverb.then_some(first.word)
}

/// The first verb that sets work in `s` (after a prepositional object) and its byte offset:
/// a verb the lexicon lists or one tagged `v`, but not one that qualifies a noun (发现的问题),
/// and not a last word unless an adverb leads it (决策部署 is a noun; 一律整改 is work).
pub fn verb_after(s: &str) -> Option<(&str, usize)> {
    let words = JIEBA.tag(s, false);
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|n| n.word);
        let known = TASK_VERBS.contains(&w.word);
        let tagged = w.tag == "v" && w.word.chars().count() >= 2 && !NOT_WORK.contains(&w.word);
        let led = i > 0 && matches!(words[i - 1].tag, "d" | "ad");
        if i > 0 && (known || tagged) && next != Some("的") && (next.is_some() || led) {
            return Some((w.word, at));
        }
        at += w.word.len();
    }
    None
}

/// Where the last word of `s` starts, when it is a verb (tagged `v` or in the lexicon).
pub fn final_verb(s: &str) -> Option<usize> {
    let words = JIEBA.tag(s, false);
    let last = words.last()?;
    let verb = last.tag == "v" || TASK_VERBS.contains(&last.word);
    verb.then(|| s.len() - last.word.len())
}

/// Whether `s` has a verb among its words (a noun-phrase subject has none).
pub fn has_verb(s: &str) -> bool {
    JIEBA
        .tag(s, false)
        .iter()
        .any(|w| w.tag == "v" && !["要", "须"].contains(&w.word))
}

/// Whether the word `s` starts with is a noun longer than `prefix` (开发区 for 开发).
pub fn inside_noun(s: &str, prefix: &str) -> bool {
    JIEBA
        .tag(s, false)
        .first()
        .is_some_and(|w| w.word.len() > prefix.len() && w.word.starts_with(prefix) && w.tag.starts_with('n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_the_lexicon_lacks_is_found_by_its_tag() {
        assert_eq!(leading_verb("疏浚城区内河水系"), Some("疏浚"));
        assert_eq!(leading_verb("修缮历史文化街区"), Some("修缮"));
    }

    #[test]
    fn nouns_and_verbs_of_saying_are_not_work() {
        assert_eq!(leading_verb("城区内河水系"), None);
        assert_eq!(leading_verb("强调工作的重要性"), None);
        assert_eq!(leading_verb("是全市的大事"), None);
        assert_eq!(leading_verb("响应"), None, "a verb without an object");
        assert_eq!(leading_verb("响应、坚决执行"), None, "a verb without an object");
    }

    #[test]
    fn statements_of_fact_are_not_directives() {
        assert!(is_statement("刚刚闭幕的市“两会”确定了今年政府工作的大盘子"));
        assert!(is_statement("当前发展任务十分繁重"));
        assert!(is_statement("开发区发展硬软件差距较大"));
        assert!(is_statement("完成全年目标任务压力不小"));
        assert!(!is_statement("确保信息畅通"));
        assert!(!is_statement("全力加快项目建设"));
    }

    #[test]
    fn a_noun_that_starts_like_a_verb_is_a_noun() {
        assert!(inside_noun("开发区发展硬软件差距较大", "开发"));
        assert!(!inside_noun("开发旅游资源", "开发"));
    }

    #[test]
    fn the_verb_after_a_prepositional_object() {
        assert_eq!(verb_after("重点企业开展明查暗访").map(|v| v.0), Some("开展"));
        assert_eq!(verb_after("发现的问题一律挂牌督办").map(|v| v.0), Some("挂牌"));
        assert_eq!(verb_after("市委、市政府作出的决策部署"), None);
    }
}
