//! Waiting for the blog's Python with a limit that judges the program, not the machine.
//!
//! A config that loops forever uses the processor the whole time; one that is only slow
//! to start on a busy two-core laptop (another build running, Python importing Pelican
//! from a cold disk) uses little of it. So the limit counts the processor time the child
//! and the processes it waited for used, read from `/proc/PID/stat` on Linux, and a longer
//! wall-clock limit stops a child that waits forever on something else. Where `/proc`
//! cannot be read the processor-time limit is taken by the clock.

use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// Linux reports process times in clock ticks of `USER_HZ`, 100 on every architecture
/// Debian builds for.
const TICKS_PER_SECOND: u64 = 100;

/// Why [`wait_within`] stopped the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// It used `limit` of processor time without finishing.
    Processor(Duration),
    /// It ran past the clock's limit without finishing.
    Clock(Duration),
    /// Waiting for it failed; it was killed.
    Lost,
}

impl Stopped {
    /// The limit it went past.
    pub fn limit(self) -> Duration {
        match self {
            Stopped::Processor(d) | Stopped::Clock(d) => d,
            Stopped::Lost => Duration::ZERO,
        }
    }
}

/// Waits for `child` to exit, polling every `poll`; kills it (and reaps it) once it used
/// `limit` of processor time or ran for `wall` by the clock.
pub fn wait_within(
    child: &mut Child,
    limit: Duration,
    wall: Duration,
    poll: Duration,
) -> Result<ExitStatus, Stopped> {
    let started = Instant::now();
    let stop = |child: &mut Child, why: Stopped| {
        let _ = child.kill();
        let _ = child.wait();
        Err(why)
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) => {}
            Err(_) => return stop(child, Stopped::Lost),
        }
        let elapsed = started.elapsed();
        match processor_time(child.id()) {
            Some(used) if used >= limit => return stop(child, Stopped::Processor(limit)),
            Some(_) if elapsed >= wall => return stop(child, Stopped::Clock(wall)),
            Some(_) => {}
            // No process times to read: the clock is the limit.
            None if elapsed >= limit => return stop(child, Stopped::Clock(limit)),
            None => {}
        }
        std::thread::sleep(poll);
    }
}

/// The processor time (user and system) process `pid` and the children it waited for
/// used so far, where the system says.
fn processor_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(Duration::from_millis(ticks_in_stat(&stat)? * 1000 / TICKS_PER_SECOND))
}

/// utime + stime + cutime + cstime from a `/proc/PID/stat` line. The command name in
/// parentheses may hold spaces and parentheses: the fields start after the last `)`.
fn ticks_in_stat(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    // After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3)?.parse::<i64>().ok();
    let total = field(14)? + field(15)? + field(16)? + field(17)?;
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn ticks_are_read_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (py (x) y) R 1 2 3 4 5 6 7 8 9 10 150 30 5 15 20 0 1 0";
        assert_eq!(ticks_in_stat(stat), Some(150 + 30 + 5 + 15));
        assert_eq!(ticks_in_stat("garbage"), None);
    }

    #[test]
    fn a_child_that_sleeps_is_judged_by_the_clock_and_one_that_spins_by_the_processor() {
        let ms = Duration::from_millis;
        // Sleeping uses no processor time: only the wall clock stops it.
        let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
        let started = Instant::now();
        let why = wait_within(&mut sleeper, ms(100), ms(1200), ms(10));
        assert_eq!(why, Err(Stopped::Clock(Duration::from_millis(1200))));
        assert!(started.elapsed() >= Duration::from_millis(1200), "not before the clock limit");
        // Spinning reaches 0.2 s of processor time, however long a loaded machine takes.
        let mut spinner = Command::new("sh").args(["-c", "while :; do :; done"]).spawn().unwrap();
        let why = wait_within(&mut spinner, ms(200), Duration::from_secs(30), ms(10));
        assert_eq!(why, Err(Stopped::Processor(Duration::from_millis(200))));
        // A quick child is simply waited for.
        let mut quick = Command::new("true").spawn().unwrap();
        let status = wait_within(&mut quick, ms(5000), ms(60_000), ms(5));
        assert!(status.unwrap().success());
    }
}
