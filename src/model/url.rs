//! Which URLs margin accepts for an article or a source: absolute `http` and
//! `https` URLs with a host, and nothing else (`javascript:`, `file:`, a bare
//! word, anything holding white space or control characters). Checked where a
//! URL enters (`add --source`, `meta --url`, the editor's source field) so the
//! exports can link to it safely.

/// `Ok` when `text` is an http(s) URL margin accepts; otherwise why not, in
/// words fit for an error message after `URL: `.
pub(crate) fn validate(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("empty".to_owned());
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("white space or control characters in it".to_owned());
    }
    let parsed = ::url::Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("not an http or https URL ({}:)", parsed.scheme()));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("no host".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_only() {
        for good in [
            "https://example.org",
            "http://example.org/a?b=1&c=2#d",
            "https://en.wikipedia.org/wiki/Russia–North_Korea_relations",
        ] {
            assert_eq!(validate(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "example.org",
            "https://exa mple.org",
            "https://example.org/a b",
            "https://example.org/\u{1b}]0;x\u{7}",
            "https://",
            "ftp://example.org",
            "mailto:a@example.org",
        ] {
            assert!(validate(bad).is_err(), "{bad:?}");
        }
    }
}
