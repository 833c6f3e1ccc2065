//! The likelihood of delivery (交付研判, issue 19).

/// (key, 中文, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("lk.ask", "交付研判：能否按期完成？", "Will it be delivered on time?"),
    (
        "lk.ask_hint",
        "灯号反映已经发生的进度，研判是对后续能否按期完成的判断；选择“存在风险”或“难以完成”时请说明理由。",
        "The light reports the past; this is your judgement of the future. Give a reason for “at risk” or “unlikely”.",
    ),
    ("lk.reason", "研判理由（200字以内）", "Reason (up to 200 characters)"),
    ("lk.title", "交付研判", "Likelihood of delivery"),
    ("lk.none", "尚无研判", "Not judged yet"),
    ("lk.by_office", "督查室调整", "Set by the office"),
    (
        "lk.by_unit",
        "牵头单位随报送研判",
        "Judged by the lead unit with its report",
    ),
    ("lk.history", "研判记录", "Judgements"),
    ("lk.override", "调整研判", "Set the judgement"),
    (
        "lk.override_hint",
        "督查室可根据掌握的情况调整研判，须说明理由；单位下次报送时可重新研判。",
        "The office may set the judgement, with a reason; the unit judges again with its next report.",
    ),
    ("lk.save", "保存研判", "Save"),
    ("lk.accuracy", "交付研判准确率", "Accuracy of the judgements"),
    (
        "lk.accuracy_hint",
        "对已办结的任务，把办结前作出的每一次研判与结果对照：很可能、较可能对应按期完成，存在风险、难以完成对应逾期完成。",
        "For tasks since closed, each judgement made before closing put against the outcome: likely and probable say on time, at risk and unlikely say late.",
    ),
    (
        "lk.accuracy_tasks",
        "已办结且有研判的任务：{n}项",
        "Closed tasks with a judgement: {n}",
    ),
    ("lk.judged", "研判次数", "Judged"),
    ("lk.came_true", "应验次数", "Came true"),
    ("lk.rate", "准确率", "Rate"),
    ("lk.accuracy_link", "交付研判准确率", "Accuracy of the judgements"),
    (
        "flash.likelihood_saved",
        "研判已保存，牵头单位已收到通知。",
        "Saved; the lead unit was told.",
    ),
];
