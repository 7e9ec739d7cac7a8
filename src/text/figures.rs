//! Lines of figures: tables of prices, quotes and statistics written as
//! text. They are not prose: "Mar 88  Feb 88  Mar 87" heads year columns,
//! "Jun 31  Sep 30" are contract months and prices, and no sentence claims
//! a date there. A check that judges claims made in sentences passes over
//! them.

use super::ranges::RangeSet;

/// The lines of `text` that are rows of a table (see [`is_table_line`]),
/// as byte ranges.
pub fn table_lines(text: &str) -> RangeSet {
    let mut at = 0;
    let mut rows = Vec::new();
    for line in text.split_inclusive('\n') {
        if is_table_line(line) {
            rows.push(at..at + line.len());
        }
        at += line.len();
    }
    RangeSet::new(rows)
}

/// Whether `line` is a row of a table rather than prose: a row of cells
/// between pipes (Markdown or drawn tables); or, where no more than
/// [`MAX_CELL_WORDS`] words ever follow one another (a cell's label, not
/// a sentence: a paragraph typed on one line is prose however many figures
/// and wide gaps it holds), figures set in columns (two or more gaps of
/// three spaces or a tab, and two or more figures) or a line mostly of
/// figures (three or more, no fewer than its words). A dated line of prose
/// ("Monday, Nov. 27, 2023") has two figures and is prose.
pub fn is_table_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    if line.starts_with('|') && line.ends_with('|') {
        return true;
    }
    let (mut figures, mut words, mut run) = (0, 0, 0);
    for token in line.split_whitespace() {
        if is_figure(token) {
            figures += 1;
            run = 0;
        } else if token.chars().any(char::is_alphabetic) {
            words += 1;
            run += 1;
            // A sentence: told at its first words, however long the line.
            if run > MAX_CELL_WORDS {
                return false;
            }
        }
    }
    line.matches('|').count() >= 2 || (column_gaps(line) >= 2 && figures >= 2) || (figures >= 3 && figures >= words)
}

/// The most words in a row a table's cell holds ("No. 2 soft red winter").
const MAX_CELL_WORDS: usize = 5;

/// A number as tables write them: digits with decimal points, thousands
/// commas, signs, currency, percent, fractions and parentheses, and no
/// letter ("101.25", "-0.5%", "(12)", "$3,400", "1/2").
fn is_figure(token: &str) -> bool {
    let token = token.trim_end_matches([',', ';']);
    token.bytes().any(|b| b.is_ascii_digit())
        && token.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ',' | '+' | '-' | '%' | '/' | '(' | ')' | '$' | '€' | '£' | '¥' | '\'' | '*'
                )
        })
}

/// How many times the line's words are set apart by a tab or by three or
/// more spaces (the column gaps of a table typed in plain text).
fn column_gaps(line: &str) -> usize {
    let mut gaps = 0;
    let mut run = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                run = 3;
            }
            ' ' => run += 1,
            _ => {
                if run >= 3 {
                    gaps += 1;
                }
                run = 0;
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_figures_are_tables_and_dated_prose_is_not() {
        for row in [
            "        Mar 88   Feb 88   Mar 87",
            "Copper   Jun 31   Sep 30   Dec 31",
            "Wheat\tJul 101.25\tSep 102.50",
            "| Nov 27 | 3.5 | 4.1 |",
            "Aug/Oct 612 640 655",
        ] {
            assert!(is_table_line(row), "{row}");
        }
        for prose in [
            "Monday, Nov. 27, 2023",
            // A paragraph on one line, with wide gaps between its parts.
            "Veterans gather on Dec 13 to remember.   Photo by a staff writer   Retail sales rose 10.2 percent in 2016   and 9.8 in 2015.",
            "The talks on Nov. 27 and Dec. 3 ended with a deal worth 3.5 billion dollars.",
            "Trade rose 12.5 percent to 31.2 billion in 2016, the ministry said.",
            "",
        ] {
            assert!(!is_table_line(prose), "{prose}");
        }
    }

    #[test]
    fn table_lines_are_found_by_their_byte_ranges() {
        let text = "Prices closed mixed.\n  Mar 88   Feb 88   Mar 87\nThey met on Nov. 27.\n";
        let rows = table_lines(text);
        let row = text.find("Mar 88").unwrap();
        let prose = text.find("Nov. 27").unwrap();
        assert!(rows.overlaps(&(row..row + 6)));
        assert!(!rows.overlaps(&(prose..prose + 7)));
    }
}
