//! Fuzz target `check_article`: what must hold is `factlint::verify::fuzz::check_article`
//! (shared with `tests/fuzz_seeds.rs`, which replays the committed inputs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factlint::verify::fuzz::check_article(data));
