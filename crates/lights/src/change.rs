//! What a write changed, as a type: every write the server records names one [`Change`], and
//! what it means for the judged state — which lights to judge again, whether the public site
//! may show it, the name its audit line and history entry carry — is decided here, by matches
//! with no catch-all arm, so a new kind of write cannot be added without deciding each.

use luoshi_domain::ReplyDecision;

/// A write, as the judged state needs to know it. Task and plan fields are ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A unit saved a report as a draft.
    ReportSaved { task: i64 },
    /// A unit submitted a report.
    ReportSubmitted { task: i64 },
    /// The office accepted a report.
    ReportAccepted { task: i64 },
    /// The office returned a report.
    ReportReturned { task: i64 },
    /// A co-unit added its note to the lead unit's report.
    ReportNoted { task: i64 },
    /// Evidence was attached to a report.
    EvidenceAttached { task: i64 },
    /// Evidence was removed from a draft report.
    EvidenceDeleted { task: i64 },
    /// A unit filed a request (extension, completion, …).
    RequestFiled { task: i64 },
    /// The office decided a request.
    RequestDecided { task: i64, approved: bool },
    /// A task was added to a plan.
    TaskCreated { task: i64 },
    /// A task's fields were edited (dates, units, weight, cycle, milestones, …).
    TaskEdited { task: i64 },
    /// A task moved under another parent; `left` is the parent it left.
    TaskMoved { task: i64, left: Option<i64> },
    /// A task moved among its siblings; `renumbered` are the siblings whose place changed.
    TaskReordered { task: i64, renumbered: Vec<i64> },
    /// Tasks read from a document were added to a plan.
    TasksExtracted { plan: i64 },
    /// A plan was created.
    PlanCreated { plan: i64 },
    /// A plan's title or light thresholds were edited.
    PlanEdited { plan: i64 },
    /// A plan's escalation ladder was set.
    LadderSet { plan: i64 },
    /// The region's working-day calendar was replaced.
    CalendarReplaced,
    /// The office issued a supervision order (on a task, or on none).
    OrderIssued { task: Option<i64> },
    /// A unit replied to a supervision order.
    OrderReplied { task: Option<i64> },
    /// The office decided a reply to a supervision order.
    OrderDecided { task: Option<i64>, decision: ReplyDecision },
    /// The office closed a supervision order.
    OrderClosed { task: Option<i64> },
    /// A leader wrote an instruction (批示) on a task, a report or an order.
    InstructionWritten { task: Option<i64> },
    /// The responsible unit answered an instruction (落实情况).
    InstructionAnswered { task: Option<i64> },
    /// The office moved an instruction's answer deadline.
    InstructionDueSet { task: Option<i64> },
    /// The office made a supervision order of an instruction.
    InstructionOrdered { task: Option<i64> },
    /// The office confirmed an escalation proposal and recorded accountability.
    AccountabilityRecorded { task: i64 },
    /// The office dismissed an escalation proposal.
    ProposalDismissed { task: i64 },
    /// A bulletin was drafted.
    BulletinDrafted,
    /// A bulletin draft was edited.
    BulletinEdited,
    /// A bulletin draft's figures were read again.
    BulletinRefreshed,
    /// A bulletin was published.
    BulletinPublished,
    /// A bulletin draft was discarded.
    BulletinDiscarded,
    /// A notification channel was added.
    ChannelAdded,
    /// A notification channel was switched on or off.
    ChannelSwitched,
    /// A user chose the language of their pages.
    LanguageChosen,
    /// A user changed their own password.
    PasswordChanged,
    /// A user made, reset or turned off their calendar feed address.
    FeedSet,
    /// The security officer unlocked an account locked by failed logins.
    UserUnlocked,
    /// The system administrator added a unit.
    UnitAdded,
    /// The system administrator changed a unit (its category, place, short name or use).
    UnitChanged,
    /// A unit took a new name; the old one stays on the records of its time.
    UnitRenamed,
    /// A unit was merged into another.
    UnitMerged,
    /// The system administrator added a leader.
    LeaderAdded,
    /// The system administrator changed a leader or the units they oversee.
    LeaderChanged,
    /// The system administrator added an account.
    AccountAdded,
    /// The system administrator changed an account (name, role, unit, leader, or disabled it).
    AccountChanged,
    /// An administrator set a user's password, to be changed at the next login.
    PasswordReset,
    /// The directory sheet was imported.
    DirectoryImported,
    /// The security officer ended someone's session.
    SessionEnded,
    /// A user ended their other sessions (logged out everywhere else).
    LoggedOutEverywhere,
    /// A user turned their second factor (TOTP) on or off.
    SecondFactorSet,
    /// The office added a category of key projects.
    ProjectCategoryAdded,
    /// The office put a key project on the ledger.
    ProjectAdded { project: i64 },
    /// The office changed a key project (figures that need a reason keep it in the history).
    ProjectChanged { project: i64 },
    /// An approval node of a project was added, or marked done or not done.
    ProjectNodeSet { project: i64 },
    /// The responsible unit sent a project's monthly report (or corrected one).
    ProjectReported { project: i64 },
    /// The office accepted a monthly report.
    ProjectReportAccepted { project: i64 },
    /// The office returned a monthly report.
    ProjectReportReturned { project: i64 },
    /// A coordination issue was raised on a project.
    IssueRaised { project: i64 },
    /// The handling unit answered a coordination issue.
    IssueAnswered { project: i64 },
    /// The office closed a coordination issue as solved.
    IssueClosed { project: i64 },
    /// The office returned a coordination issue's answer to the handling unit.
    IssueReturned { project: i64 },
    /// The office set the region's project-warning thresholds.
    ProjectThresholdsSet,
    /// An assessment scheme started or changed (its scores judged in the same write).
    SchemeSet,
    /// An accountability or commendation record entered, changed or removed by the office.
    AccountabilitySet,
    /// The office set a task's likelihood of delivery (the unit's comes with its report).
    LikelihoodSet,
    /// The office prepared a dispatch meeting with its agenda.
    MeetingPrepared,
    /// The office changed a dispatch meeting's agenda.
    MeetingEdited,
    /// A dispatch meeting decided an agenda item.
    MeetingDecided,
    /// A dispatch meeting was held.
    MeetingHeld,
    /// The office added an indicator.
    IndicatorAdded { indicator: i64 },
    /// The office changed an indicator (its target, profile, owners, …).
    IndicatorChanged { indicator: i64 },
    /// The responsible unit entered a month's figure (or corrected one).
    FigureEntered { indicator: i64 },
    /// The office accepted a figure.
    FigureAccepted { indicator: i64 },
    /// The office returned a figure.
    FigureReturned { indicator: i64 },
    /// The office set the region's indicator thresholds.
    IndicatorThresholdsSet,
    /// The office set up a task force.
    TaskForceAdded,
    /// The office changed a task force (its members, leader, term or status).
    TaskForceChanged,
    /// The office gave a task force a task, a project or an indicator to own, or took it away.
    TaskForceOwns,
}

/// What must be judged again after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Nothing judged depends on it.
    None,
    /// A task and its ancestors; `public` says whether the public site may show the change.
    Task { task: i64, public: bool },
    /// A task moved: it and its ancestors, the parent it left and its ancestors, and the places
    /// of the plan's tasks.
    Moved { task: i64, left: Option<i64> },
    /// A task and its ancestors, and the places of the plan's tasks, the renumbered siblings
    /// marked at a new revision.
    Reordered { task: i64, renumbered: Vec<i64> },
    /// A whole plan.
    Plan(i64),
    /// Every plan of the region, and its projects.
    Region,
    /// A key project's warning.
    Project(i64),
    /// Every project's warning in the region.
    Projects,
    /// An indicator's light.
    Indicator(i64),
    /// Every indicator's light in the region.
    Indicators,
}

mod names;

impl Change {
    /// The task whose history the change belongs to, if any.
    pub fn task(&self) -> Option<i64> {
        match self {
            Change::ReportSaved { task }
            | Change::ReportSubmitted { task }
            | Change::ReportAccepted { task }
            | Change::ReportReturned { task }
            | Change::ReportNoted { task }
            | Change::EvidenceAttached { task }
            | Change::EvidenceDeleted { task }
            | Change::RequestFiled { task }
            | Change::RequestDecided { task, .. }
            | Change::TaskCreated { task }
            | Change::TaskEdited { task }
            | Change::TaskMoved { task, .. }
            | Change::TaskReordered { task, .. }
            | Change::AccountabilityRecorded { task }
            | Change::ProposalDismissed { task } => Some(*task),
            Change::OrderIssued { task }
            | Change::OrderReplied { task }
            | Change::OrderDecided { task, .. }
            | Change::OrderClosed { task }
            | Change::InstructionWritten { task }
            | Change::InstructionAnswered { task }
            | Change::InstructionDueSet { task }
            | Change::InstructionOrdered { task } => *task,
            Change::TasksExtracted { .. }
            | Change::PlanCreated { .. }
            | Change::PlanEdited { .. }
            | Change::LadderSet { .. }
            | Change::CalendarReplaced
            | Change::BulletinDrafted
            | Change::BulletinEdited
            | Change::BulletinRefreshed
            | Change::BulletinPublished
            | Change::BulletinDiscarded
            | Change::ChannelAdded
            | Change::ChannelSwitched
            | Change::LanguageChosen
            | Change::PasswordChanged
            | Change::FeedSet
            | Change::UserUnlocked
            | Change::UnitAdded
            | Change::UnitChanged
            | Change::UnitRenamed
            | Change::UnitMerged
            | Change::LeaderAdded
            | Change::LeaderChanged
            | Change::AccountAdded
            | Change::AccountChanged
            | Change::PasswordReset
            | Change::DirectoryImported
            | Change::SessionEnded
            | Change::LoggedOutEverywhere
            | Change::SecondFactorSet
            | Change::ProjectCategoryAdded
            | Change::ProjectAdded { .. }
            | Change::ProjectChanged { .. }
            | Change::ProjectNodeSet { .. }
            | Change::ProjectReported { .. }
            | Change::ProjectReportAccepted { .. }
            | Change::ProjectReportReturned { .. }
            | Change::IssueRaised { .. }
            | Change::IssueAnswered { .. }
            | Change::IssueClosed { .. }
            | Change::IssueReturned { .. }
            | Change::ProjectThresholdsSet
            | Change::SchemeSet
            | Change::AccountabilitySet
            | Change::LikelihoodSet
            | Change::MeetingPrepared
            | Change::MeetingEdited
            | Change::MeetingDecided
            | Change::MeetingHeld
            | Change::IndicatorAdded { .. }
            | Change::IndicatorChanged { .. }
            | Change::FigureEntered { .. }
            | Change::FigureAccepted { .. }
            | Change::FigureReturned { .. }
            | Change::IndicatorThresholdsSet
            | Change::TaskForceAdded
            | Change::TaskForceChanged
            | Change::TaskForceOwns => None,
        }
    }

    /// Whether the public site, which shows public tasks with their accepted reports, may show
    /// the change: not a unit's own reporting before the office accepts it, nor the supervision
    /// office's correspondence with it.
    pub fn shows_in_public(&self) -> bool {
        match self {
            Change::ReportSaved { .. }
            | Change::ReportSubmitted { .. }
            | Change::ReportReturned { .. }
            | Change::ReportNoted { .. }
            | Change::EvidenceAttached { .. }
            | Change::EvidenceDeleted { .. }
            | Change::RequestFiled { .. }
            | Change::OrderIssued { .. }
            | Change::OrderReplied { .. }
            | Change::OrderDecided { .. }
            | Change::OrderClosed { .. }
            | Change::InstructionWritten { .. }
            | Change::InstructionAnswered { .. }
            | Change::InstructionDueSet { .. }
            | Change::InstructionOrdered { .. }
            | Change::ProjectReported { .. }
            | Change::ProjectReportReturned { .. }
            | Change::IssueRaised { .. }
            | Change::IssueAnswered { .. }
            | Change::IssueClosed { .. }
            | Change::IssueReturned { .. }
            | Change::MeetingPrepared
            | Change::MeetingEdited
            | Change::MeetingDecided
            | Change::MeetingHeld
            | Change::FigureEntered { .. }
            | Change::FigureReturned { .. }
            // Scores are not public unless a scheme publishes them, which a page does on its own.
            | Change::SchemeSet => false,
            // A public record is read live by the public site's page of records.
            Change::AccountabilitySet => false,
            // A judgement is not public.
            Change::LikelihoodSet => false,
            Change::ReportAccepted { .. }
            | Change::RequestDecided { .. }
            | Change::TaskCreated { .. }
            | Change::TaskEdited { .. }
            | Change::TaskMoved { .. }
            | Change::TaskReordered { .. }
            | Change::TasksExtracted { .. }
            | Change::PlanCreated { .. }
            | Change::PlanEdited { .. }
            | Change::LadderSet { .. }
            | Change::CalendarReplaced
            | Change::AccountabilityRecorded { .. }
            | Change::ProposalDismissed { .. }
            | Change::BulletinDrafted
            | Change::BulletinEdited
            | Change::BulletinRefreshed
            | Change::BulletinPublished
            | Change::BulletinDiscarded
            | Change::ChannelAdded
            | Change::ChannelSwitched
            | Change::LanguageChosen
            | Change::PasswordChanged
            | Change::FeedSet
            | Change::UserUnlocked
            | Change::UnitAdded
            | Change::UnitChanged
            | Change::UnitRenamed
            | Change::UnitMerged
            | Change::LeaderAdded
            | Change::LeaderChanged
            | Change::AccountAdded
            | Change::AccountChanged
            | Change::PasswordReset
            | Change::DirectoryImported
            | Change::SessionEnded
            | Change::LoggedOutEverywhere
            | Change::SecondFactorSet
            | Change::ProjectCategoryAdded
            | Change::ProjectAdded { .. }
            | Change::ProjectChanged { .. }
            | Change::ProjectNodeSet { .. }
            | Change::ProjectReportAccepted { .. }
            | Change::ProjectThresholdsSet
            | Change::IndicatorAdded { .. }
            | Change::IndicatorChanged { .. }
            | Change::FigureAccepted { .. }
            | Change::IndicatorThresholdsSet
            | Change::TaskForceAdded
            | Change::TaskForceChanged
            | Change::TaskForceOwns => true,
        }
    }

    /// What must be judged again.
    pub(crate) fn effect(&self) -> Effect {
        let public = self.shows_in_public();
        match self {
            Change::ReportSaved { task }
            | Change::ReportSubmitted { task }
            | Change::ReportAccepted { task }
            | Change::ReportReturned { task }
            | Change::ReportNoted { task }
            | Change::EvidenceAttached { task }
            | Change::EvidenceDeleted { task }
            | Change::RequestFiled { task }
            | Change::RequestDecided { task, .. }
            | Change::TaskCreated { task }
            | Change::TaskEdited { task }
            | Change::AccountabilityRecorded { task }
            | Change::ProposalDismissed { task } => Effect::Task { task: *task, public },
            Change::OrderIssued { task }
            | Change::OrderReplied { task }
            | Change::OrderDecided { task, .. }
            | Change::OrderClosed { task } => match task {
                Some(task) => Effect::Task { task: *task, public },
                None => Effect::None,
            },
            Change::TaskMoved { task, left } => Effect::Moved {
                task: *task,
                left: *left,
            },
            Change::TaskReordered { task, renumbered } => Effect::Reordered {
                task: *task,
                renumbered: renumbered.clone(),
            },
            Change::PlanEdited { plan } => Effect::Plan(*plan),
            Change::CalendarReplaced => Effect::Region,
            // Each extracted task was recorded (and judged) as it was created.
            // An instruction is read beside the light, never into it.
            Change::InstructionWritten { .. }
            | Change::InstructionAnswered { .. }
            | Change::InstructionDueSet { .. }
            | Change::InstructionOrdered { .. } => Effect::None,
            Change::TasksExtracted { .. }
            | Change::PlanCreated { .. }
            | Change::LadderSet { .. }
            | Change::BulletinDrafted
            | Change::BulletinEdited
            | Change::BulletinRefreshed
            | Change::BulletinPublished
            | Change::BulletinDiscarded
            | Change::ChannelAdded
            | Change::ChannelSwitched
            | Change::LanguageChosen
            | Change::PasswordChanged
            | Change::FeedSet
            | Change::UserUnlocked
            | Change::UnitAdded
            | Change::UnitChanged
            | Change::UnitRenamed
            | Change::UnitMerged
            | Change::LeaderAdded
            | Change::LeaderChanged
            | Change::AccountAdded
            | Change::AccountChanged
            | Change::PasswordReset
            | Change::DirectoryImported
            | Change::SessionEnded
            | Change::LoggedOutEverywhere
            | Change::SecondFactorSet => Effect::None,
            Change::ProjectCategoryAdded => Effect::None,
            Change::ProjectAdded { project }
            | Change::ProjectChanged { project }
            | Change::ProjectNodeSet { project }
            | Change::ProjectReported { project }
            | Change::ProjectReportAccepted { project }
            | Change::ProjectReportReturned { project }
            | Change::IssueRaised { project }
            | Change::IssueAnswered { project }
            | Change::IssueClosed { project }
            | Change::IssueReturned { project } => Effect::Project(*project),
            Change::ProjectThresholdsSet => Effect::Projects,
            // The write judges the scheme's scores itself (`judge_scheme`).
            Change::SchemeSet => Effect::None,
            // Open schemes see it through the audit sequence (their scores are judged stale).
            Change::AccountabilitySet => Effect::None,
            // A judgement does not move a light.
            Change::LikelihoodSet => Effect::None,
            // What a decision becomes (a task, an order, an issue closed) is recorded as its
            // own change, and judged as such.
            Change::MeetingPrepared | Change::MeetingEdited | Change::MeetingDecided | Change::MeetingHeld => {
                Effect::None
            }
            Change::IndicatorAdded { indicator }
            | Change::IndicatorChanged { indicator }
            | Change::FigureEntered { indicator }
            | Change::FigureAccepted { indicator }
            | Change::FigureReturned { indicator } => Effect::Indicator(*indicator),
            Change::IndicatorThresholdsSet => Effect::Indicators,
            // Who owns what is read beside the lights, never into them.
            Change::TaskForceAdded | Change::TaskForceChanged | Change::TaskForceOwns => Effect::None,
        }
    }
}

#[cfg(test)]
mod tests;
