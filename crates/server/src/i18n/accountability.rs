//! Accountability and commendation records (issue 19).

/// (key, 中文, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("acc.title", "问责与表扬", "Accountability and commendation"),
    (
        "acc.intro",
        "督查室登记的约谈、通报批评、问责和通报表扬、记功，计入考核得分；标为公开的在政务公开网站上发布。",
        "Admonition talks, public criticism, accountability, public praise and merit recorded by the office count in the assessment; those marked public are published on the public site.",
    ),
    ("acc.none", "暂无记录。", "No records."),
    ("acc.new", "登记问责或表扬", "Record accountability or commendation"),
    ("acc.unit", "单位", "Unit"),
    ("acc.kind", "类别", "Kind"),
    (
        "acc.person",
        "涉及人员（姓名、职务，可不填）",
        "Person (name and post, optional)",
    ),
    ("acc.person_short", "涉及人员", "Person"),
    ("acc.reason", "事由", "Reason"),
    ("acc.doc_no", "文号", "Document number"),
    ("acc.decided_on", "决定日期", "Decided on"),
    ("acc.records", "依据", "Based on"),
    (
        "acc.records_hint",
        "依据的记录，如“任务12、督办单3”（任务、督办单、报送、项目或指标，加编号），可不填。",
        "The records it rests on, e.g. Task 12, Supervision order 3 (task, order, report, project or indicator, then its number); optional.",
    ),
    ("acc.public", "在政务公开网站上公开", "Publish on the public site"),
    ("acc.public_yes", "公开", "Public"),
    ("acc.from_proposal", "由问责建议确认", "Confirmed from a proposal"),
    ("acc.save", "登记", "Record"),
    ("acc.change", "修改记录", "Change the record"),
    ("acc.save_change", "保存修改", "Save"),
    ("acc.remove", "撤销记录", "Remove the record"),
    (
        "acc.remove_hint",
        "登记有误时撤销；原记录保留在审计日志中，单位会收到通知。",
        "Remove a record entered in error; the audit log keeps it and the unit is told.",
    ),
    ("acc.remove_why", "撤销理由", "Why"),
    ("acc.all_units", "全部单位", "All units"),
    ("acc.filter", "筛选", "Filter"),
    (
        "acc.public_title",
        "问责与表扬通报",
        "Accountability and commendation notices",
    ),
    (
        "flash.accountability_saved",
        "记录已登记，单位已收到通知。",
        "Recorded; the unit was told.",
    ),
    (
        "flash.accountability_changed",
        "记录已修改，单位已收到通知。",
        "Changed; the unit was told.",
    ),
    (
        "flash.accountability_removed",
        "记录已撤销，单位已收到通知。",
        "Removed; the unit was told.",
    ),
    ("acc.link", "问责与表扬记录", "Accountability and commendation records"),
];
