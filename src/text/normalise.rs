//! Normalising an article's text as `margin/1` defines it: every CRLF and
//! lone CR made LF (a leading BOM is dropped where the text is taken in).

/// `s` with every CRLF and lone CR turned into LF.
pub(super) fn normalise_line_endings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push('\n');
        rest = rest.get(i + 1..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}
