//! iCalendar (RFC 5545) feeds of all-day deadlines: what a calendar app subscribes to. Lines end
//! in CRLF, are folded at 75 octets without splitting a character, and text is escaped.

use chrono::{DateTime, NaiveDate, Utc};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// A stable id, the same in every fetch of the feed (e.g. `task-12-due`).
    pub uid: String,
    /// The day.
    pub day: NaiveDate,
    /// The title.
    pub summary: String,
    /// More words.
    pub description: String,
    /// Where the item is, absolute.
    pub url: String,
}

/// A calendar: its name and events, written at `now`.
pub fn calendar(name: &str, domain: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |s: &str| fold(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Luoshi//Deadlines//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Asia/Shanghai");
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@{}", escape(&e.uid), escape(domain)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")));
        let next = e.day.succ_opt().unwrap_or(e.day);
        line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.url.is_empty() {
            line(&format!("URL:{}", e.url));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// Text as a property value: backslash, semicolon, comma and newlines escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so no line is longer than 75 octets (a continuation starts
/// with a space), never inside a character.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            uid: "task-12-due".into(),
            day: NaiveDate::from_ymd_opt(2020, 6, 30).unwrap(),
            summary: "【任务截止】推进老旧小区改造，完成120个, 含配套; 二期".into(),
            description: "牵头单位：市住建局\n完成时限：2020年6月30日".into(),
            url: "http://127.0.0.1:8080/tasks/12".into(),
        }
    }

    #[test]
    fn an_all_day_event_has_its_day_and_the_next_as_its_end_and_escaped_text() {
        let now = DateTime::parse_from_rfc3339("2020-06-30T08:00:00Z").unwrap().to_utc();
        let ics = calendar("落实·截止日期", "luoshi", &[event()], now);
        let unfolded = ics.replace("\r\n ", "");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(unfolded.contains("\r\nDTSTART;VALUE=DATE:20200630\r\nDTEND;VALUE=DATE:20200701\r\n"));
        assert!(unfolded.contains("SUMMARY:【任务截止】推进老旧小区改造，完成120个\\, 含配套\\; 二期\r\n"));
        assert!(unfolded.contains("DESCRIPTION:牵头单位：市住建局\\n完成时限：2020年6月30日\r\n"));
        assert!(unfolded.contains("UID:task-12-due@luoshi\r\n"));
        assert!(unfolded.contains("DTSTAMP:20200630T080000Z\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut e = event();
        e.summary = "督".repeat(60);
        let ics = calendar("x", "luoshi", &[e], Utc::now());
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(
            ics.replace("\r\n ", "")
                .contains(&format!("SUMMARY:{}", "督".repeat(60)))
        );
    }
}
