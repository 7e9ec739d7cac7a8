//! Paths written into URIs: what the language server's `file://` URIs and
//! SARIF's relative URI references share.

/// The bytes of a `/`-separated path as the path of a URI: every byte but
/// an ASCII letter, digit, `-`, `.`, `_`, `~` or `/` percent-encoded (UTF-8
/// bytes each on their own). Spaces, `%`, `#`, `?`, control characters
/// (a line end in a file name) and `:` (which in a relative reference's
/// first segment would read as a scheme) cannot stand in a URI as they are.
pub fn encode_path(path: &[u8]) -> String {
    let mut encoded = String::with_capacity(path.len());
    for &byte in path {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_uri_cannot_hold_is_encoded() {
        assert_eq!(encode_path(b"corpus/story-1.md"), "corpus/story-1.md");
        assert_eq!(
            encode_path("a:b/x\n::error:: 50%#?Ü.txt".as_bytes()),
            "a%3Ab/x%0A%3A%3Aerror%3A%3A%2050%25%23%3F%C3%9C.txt"
        );
    }
}
