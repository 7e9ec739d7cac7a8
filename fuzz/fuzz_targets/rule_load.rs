//! Fuzz target `rule_load`: what must hold is `factlint::verify::fuzz::rule_load`
//! (shared with `tests/fuzz_seeds.rs`, which replays the committed inputs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factlint::verify::fuzz::rule_load(data));
