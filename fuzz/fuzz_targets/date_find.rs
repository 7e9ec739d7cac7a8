//! Fuzz target `date_find`: what must hold is `factlint::verify::fuzz::date_find`
//! (shared with `tests/fuzz_seeds.rs`, which replays the committed inputs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factlint::verify::fuzz::date_find(data));
