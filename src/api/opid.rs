//! operationIDs: unique per call, readable in server logs, sortable by time.

/// Formats an operationID from the time, a per-page-load counter and a
/// random number: `oa-<ms>-<counter>-<8 hex>`.
pub fn format_operation_id(now_ms: u64, counter: u64, random: u32) -> String {
    format!("oa-{now_ms}-{counter}-{random:08x}")
}

/// A fresh operationID for a call made now (browser only).
#[cfg(target_arch = "wasm32")]
pub fn next_operation_id() -> String {
    use std::cell::Cell;
    thread_local!(static COUNTER: Cell<u64> = const { Cell::new(0) });
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format_operation_id(js_sys::Date::now() as u64, n, random)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_differ_by_counter_and_random() {
        let a = format_operation_id(1_700_000_000_000, 1, 0xdead_beef);
        assert_eq!(a, "oa-1700000000000-1-deadbeef");
        assert_ne!(a, format_operation_id(1_700_000_000_000, 2, 0xdead_beef));
        assert_eq!(format_operation_id(5, 9, 1), "oa-5-9-00000001");
    }
}
