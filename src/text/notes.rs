//! Notes about the article itself: corrections, updates, amendments and
//! editors' notes ("This article was amended on 9 October 2021 to …",
//! "Updated March 3", "Correction appended"). They tell the article's own
//! later history, so a date in one is not an event of the story, and one
//! after the publication date is what a note is for. A wire story sent
//! again ("CORRECTED-", "(Corrects …)") keeps the dateline of its first
//! filing for the same reason.

use std::sync::LazyLock;

use regex::Regex;

use super::ranges::RangeSet;

/// The openings of a note: a sentence that starts with one is a note.
static NOTE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s*_(\[-]*(?:
            (?:this|the|an\ earlier)\ (?:article|story|report|version|piece|post|headline|caption)(?:\ of\ this\ (?:article|story))?
                \ (?:was|has\ been|had\ been|is\ being)\ (?:amended|updated|corrected|changed|edited|revised|clarified)
          | (?:updated|corrected|amended|revised|clarified)(?:\ on|\ at)?
                (?:\ (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d|\d|with\b|to\ (?:add|include|correct|reflect|clarify))|\s*[:.]|\s*$)
          | (?:correction|clarification|update|editor'?s\ note|editor’s\ note|editors'\ note)s?\b
          | \(?(?:corrected|updated)\)
        )",
    )
    .expect("static regex")
});

/// The marks of a wire story sent again: "CORRECTED-", "(CORRECTED)",
/// "REFILE-", "RPT-", "(Corrects spelling of name in paragraph 3)",
/// "(Repeats story first sent on March 3)".
static REPEAT_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            \b(?:CORRECTED|CORRECTION|REFILE|RPT|REPEAT)\b\x20?[-–—:]
          | \((?:CORRECTED|CORRECTION|REFILE|REPEAT|RPT)\)
          | \((?:Corrects|Repeats|Refiles|Recasts)\b
        ",
    )
    .expect("static regex")
});

/// Whether `text` (the headline and lines above a dateline) marks the story
/// as one sent again: a correction or a repeat keeps the dateline of the
/// day it was first filed.
pub fn marks_a_repeat(text: &str) -> bool {
    REPEAT_MARK.is_match(text)
}

/// The paragraphs of `text` that are notes about the article (their first
/// words open a note: "Correction: …", "This article was amended on …"):
/// the article's own history, not the story's claims.
pub fn note_paragraphs(text: &str) -> RangeSet {
    let mut notes = Vec::new();
    let breaks = memchr::memmem::find_iter(text.as_bytes(), b"\n\n").chain(std::iter::once(text.len()));
    let mut start = 0;
    for end in breaks {
        if end < start {
            continue; // a run of blank lines
        }
        let paragraph = &text[start..end];
        let lead = paragraph.len() - paragraph.trim_start().len();
        if lead < paragraph.len() && is_note_about_the_article(&paragraph[lead..]) {
            notes.push(start + lead..end);
        }
        start = end + 2;
    }
    RangeSet::new(notes)
}

/// Whether `sentence` is a note about the article.
pub fn is_note_about_the_article(sentence: &str) -> bool {
    // A note says so in its first words: the regex reads no further (run
    // on whole paragraphs, it would read every byte of every article).
    let mut end = sentence.len().min(OPENING_BYTES);
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    NOTE_OPENING.is_match(&sentence[..end])
}

/// How far into a sentence a note's opening is looked for: "An earlier
/// version of this article was corrected on" and a date fit.
const OPENING_BYTES: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_paragraphs_are_found_whole() {
        let text = "Talks went on.\n\nCorrection: An earlier version misnamed the city. It is Astana.\n\nMore talks.";
        let notes = note_paragraphs(text);
        let note = text.find("Correction").unwrap();
        assert!(notes.overlaps(&(note..note + 1)));
        assert!(notes.overlaps(&(text.find("Astana").unwrap()..text.find("Astana").unwrap() + 6)));
        assert!(!notes.overlaps(&(0..5)));
        assert!(!notes.overlaps(&(text.find("More").unwrap()..text.len())));
    }

    #[test]
    fn notes_are_told_from_the_story() {
        for note in [
            "This article was amended on 9 October 2021 to correct a name.",
            "Updated March 3 with the minister's comments.",
            "Updated on Jan. 4 at 10:00.",
            "Correction appended.",
            "Correction: An earlier version of this story misstated the date.",
            "Editor's note: the interview took place on May 2.",
            "*This story has been updated to add details.",
            "An earlier version of this article was corrected on Feb. 2.",
        ] {
            assert!(is_note_about_the_article(note), "{note}");
        }
        for repeat in [
            "CORRECTED-Fed holds rates",
            "CORRECTED - Fed holds rates",
            "Fed holds rates (CORRECTED)",
            "RPT-Oil rises",
            "(Corrects spelling of name in paragraph 3)",
        ] {
            assert!(marks_a_repeat(repeat), "{repeat}");
        }
        for headline in ["Fed holds rates", "Officials corrected the record", "A repeat of 2008?"] {
            assert!(!marks_a_repeat(headline), "{headline}");
        }
        for prose in [
            "The article of the law was amended on 9 October.",
            "Updated figures were released on Monday.",
            "Officials corrected the record.",
            "The minister updated lawmakers on March 3.",
        ] {
            assert!(!is_note_about_the_article(prose), "{prose}");
        }
    }
}
