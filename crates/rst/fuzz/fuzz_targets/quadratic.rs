//! Time grows linearly: the input repeated N, 2N and 4N times must not take more than
//! roughly proportionally longer (after comrak's `quadratic` target).
#![no_main]
use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;

fn time(text: &str) -> Duration {
    let t = Instant::now();
    let (doc, _) = folio_rst::parse(text);
    let _ = folio_rst::html::render(&doc);
    t.elapsed()
}

fuzz_target!(|data: &[u8]| {
    let Ok(unit) = std::str::from_utf8(data) else { return };
    if unit.is_empty() || unit.len() > 64 {
        return;
    }
    let n = 2_000 / unit.len() + 1;
    let t1 = time(&unit.repeat(n));
    let t4 = time(&unit.repeat(4 * n));
    if t1 > Duration::from_millis(2) {
        assert!(t4 < t1 * 12, "{unit:?}: {t1:?} for {n} copies, {t4:?} for {}", 4 * n);
    }
});
