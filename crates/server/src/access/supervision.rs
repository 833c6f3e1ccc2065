//! Who may read a supervision order: the region's supervisor and leaders, and the units it names.

use crate::auth::Viewer;
use crate::{error::AppError, error::AppResult};
use luoshi_store::{Conn, supervision, supervision::Supervision};

/// An order as its reader may see it, with its co-units.
#[derive(Debug, Clone)]
pub struct OrderAccess {
    /// The region.
    pub region: i64,
    /// The order.
    pub order: Supervision,
    /// Its co-units.
    pub co_units: Vec<i64>,
    /// The viewer's unit, for a unit user.
    pub unit: Option<i64>,
}

impl OrderAccess {
    /// Whether the viewer's unit must reply to it.
    pub fn leads(&self) -> bool {
        self.unit == Some(self.order.lead_unit_id)
    }
}

impl Viewer {
    /// The right to read order `id`: the region's supervisor and leaders, the units it names;
    /// `NOT_FOUND` for anyone else.
    pub async fn order(&self, conn: &mut Conn, id: i64) -> AppResult<OrderAccess> {
        let reader = self.reader()?;
        let order = supervision::order(conn, reader.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let co_units = supervision::co_units(conn, reader.region, id).await?;
        let unit = reader.unit();
        if let Some(u) = unit
            && order.lead_unit_id != u
            && !co_units.contains(&u)
        {
            return Err(AppError::NotFound);
        }
        Ok(OrderAccess {
            region: reader.region,
            order,
            co_units,
            unit,
        })
    }
}
