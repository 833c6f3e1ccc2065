//! A plan's tasks in tree order (parents before children, siblings by `seq`) with their depths
//! and outline numbers, by the domain's one rule (`luoshi_domain::outline_order`).

use luoshi_domain::outline_order;
use luoshi_store::task::Task;

use crate::board_task::BoardTask;

/// Board tasks in tree order (siblings by `seq`, then id) with their depths and outline numbers.
pub fn in_tree_order(mut tasks: Vec<BoardTask>) -> Vec<BoardTask> {
    tasks.sort_by_key(|t| (t.task.seq, t.task.id));
    let order = outline_order(&tasks.iter().map(|t| (t.task.id, t.task.parent_id)).collect::<Vec<_>>());
    let mut slots: Vec<Option<BoardTask>> = tasks.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth, number)| {
            let mut bt = slots[i].take()?;
            bt.depth = depth;
            bt.number = number;
            Some(bt)
        })
        .collect()
}

/// A plan's tasks (siblings in `seq` order) in tree order: each task's index in `tasks`, its
/// depth and its outline number (`2.1.3`), parents before children.
pub fn tree_order(tasks: &[Task]) -> Vec<(usize, usize, String)> {
    outline_order(&tasks.iter().map(|t| (t.id, t.parent_id)).collect::<Vec<_>>())
}
