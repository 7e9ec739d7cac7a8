//! Fuzz target `article_parse`: what must hold is `factlint::verify::fuzz::article_parse`
//! (shared with `tests/fuzz_seeds.rs`, which replays the committed inputs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factlint::verify::fuzz::article_parse(data));
