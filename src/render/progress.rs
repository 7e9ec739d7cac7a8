//! The progress bar for long runs: drawn on stderr, only on a terminal, only
//! once a run has taken a couple of seconds (a short run stays as quiet as
//! before), and cleared before the diagnostics are printed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::engine::{Progress, ProgressHook};

/// How long a run goes before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(2);
/// Articles between updates of the bar.
const BATCH: u64 = 256;

/// A hook that draws a bar on stderr. The caller decides whether a bar is
/// wanted at all (stderr is a terminal, the output is for people).
pub fn bar() -> ProgressHook {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} checking {human_pos}/{human_len} articles [{bar:30}] {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let shown = AtomicBool::new(false);
    let checked = AtomicU64::new(0);
    ProgressHook(Arc::new(move |step| match step {
        Progress::Started { articles } => {
            checked.store(0, Ordering::Relaxed);
            bar.set_length(articles as u64);
            bar.set_position(0);
        }
        Progress::Checked => {
            // Workers only bump a counter; the bar (which takes a lock to
            // draw) hears of it every BATCH articles, or it would make the
            // workers wait for each other.
            let done = checked.fetch_add(1, Ordering::Relaxed) + 1;
            if !done.is_multiple_of(BATCH) {
                return;
            }
            bar.set_position(done);
            if !shown.load(Ordering::Relaxed) && started.elapsed() >= SHOW_AFTER && !shown.swap(true, Ordering::Relaxed)
            {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
        Progress::Finished => bar.finish_and_clear(),
    }))
}
