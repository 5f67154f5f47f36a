//! Text evidence of project-level practices, found in the one search of a file's text that also
//! picks the rules to run (see [`crate::prefilter`]).
//!
//! Project checks ask "does this service limit request rates anywhere?" or "does it set security
//! headers?". Libraries answer most of it through imports; hand-written equivalents leave textual
//! traces (a `429` response, a `Content-Security-Policy` header), which this pass records so the
//! checks stay silent when the practice is there in another form.

/// A set of evidence kinds found in a file or a project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Evidence(u32);

impl Evidence {
    /// A `429`/`Too Many Requests` answer or a rate-limit/throttle construct written by hand.
    pub const RATE_LIMIT: Evidence = Evidence(1);
    /// A request body size limit (`MaxBytesReader`, `MAX_CONTENT_LENGTH`, `bodyLimit`…).
    pub const BODY_LIMIT: Evidence = Evidence(1 << 1);
    /// A check of the `Content-Length` header.
    pub const CONTENT_LENGTH: Evidence = Evidence(1 << 2);
    /// A security header set by hand (`X-Content-Type-Options`, `Content-Security-Policy`…).
    pub const SECURITY_HEADERS: Evidence = Evidence(1 << 3);
    /// Rust unit tests inside source files (`#[test]`, `#[cfg(test)]`).
    pub const INLINE_TESTS: Evidence = Evidence(1 << 4);
    /// Several instances or workers of one service (`--workers 4`, `replicas: 3`, `cluster.fork`).
    pub const MULTI_INSTANCE: Evidence = Evidence(1 << 5);
    /// Logging configured through the standard library (`logging.config.dictConfig`, `slog`).
    pub const LOGGING_CONFIG: Evidence = Evidence(1 << 6);
    /// A Go `package main`: a program, not a library package.
    pub const GO_MAIN: Evidence = Evidence(1 << 7);
    /// A health probe path as a string literal (`"/healthz"`), as when a route is registered
    /// through a constant (`HealthzPath = "/healthz"`) that route extraction cannot follow.
    pub const HEALTH_PATH: Evidence = Evidence(1 << 8);

    pub const fn empty() -> Self {
        Evidence(0)
    }

    pub const fn contains(self, other: Evidence) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: Evidence) {
        self.0 |= other.0;
    }
}

impl std::ops::BitOr for Evidence {
    type Output = Evidence;

    fn bitor(self, other: Evidence) -> Evidence {
        Evidence(self.0 | other.0)
    }
}

/// Each needle and what its presence shows.
pub(crate) const NEEDLES: &[(&str, Evidence)] = &[
    ("429", Evidence::RATE_LIMIT),
    ("TooManyRequests", Evidence::RATE_LIMIT),
    ("Too Many Requests", Evidence::RATE_LIMIT),
    ("TOO_MANY_REQUESTS", Evidence::RATE_LIMIT),
    ("rateLimit", Evidence::RATE_LIMIT),
    ("RateLimit", Evidence::RATE_LIMIT),
    ("rate_limit", Evidence::RATE_LIMIT),
    ("ratelimit", Evidence::RATE_LIMIT),
    ("RATE_LIMIT", Evidence::RATE_LIMIT),
    ("throttle", Evidence::RATE_LIMIT),
    ("Throttle", Evidence::RATE_LIMIT),
    ("MaxBytesReader", Evidence::BODY_LIMIT),
    ("LimitReader", Evidence::BODY_LIMIT),
    // Limits that hold for chunked bodies too: they count bytes as the body is read.
    ("MAX_CONTENT_LENGTH", Evidence::BODY_LIMIT),
    ("bodyLimit", Evidence::BODY_LIMIT),
    ("BodyLimit", Evidence::BODY_LIMIT),
    ("ContentSizeLimit", Evidence::BODY_LIMIT),
    ("PayloadConfig", Evidence::BODY_LIMIT),
    ("DATA_UPLOAD_MAX_MEMORY_SIZE", Evidence::BODY_LIMIT),
    ("MaxRequestBodySize", Evidence::BODY_LIMIT),
    ("client_max_body_size", Evidence::BODY_LIMIT),
    ("content-length", Evidence::CONTENT_LENGTH),
    ("Content-Length", Evidence::CONTENT_LENGTH),
    ("CONTENT_LENGTH", Evidence::CONTENT_LENGTH),
    ("X-Content-Type-Options", Evidence::SECURITY_HEADERS),
    ("x-content-type-options", Evidence::SECURITY_HEADERS),
    ("Content-Security-Policy", Evidence::SECURITY_HEADERS),
    ("content-security-policy", Evidence::SECURITY_HEADERS),
    ("X-Frame-Options", Evidence::SECURITY_HEADERS),
    ("x-frame-options", Evidence::SECURITY_HEADERS),
    ("Strict-Transport-Security", Evidence::SECURITY_HEADERS),
    ("#[test]", Evidence::INLINE_TESTS),
    ("#[cfg(test)]", Evidence::INLINE_TESTS),
    ("#[tokio::test]", Evidence::INLINE_TESTS),
    ("--workers", Evidence::MULTI_INSTANCE),
    ("WEB_CONCURRENCY", Evidence::MULTI_INSTANCE),
    ("cluster.fork", Evidence::MULTI_INSTANCE),
    ("dictConfig", Evidence::LOGGING_CONFIG),
    ("fileConfig", Evidence::LOGGING_CONFIG),
    ("log/slog", Evidence::LOGGING_CONFIG),
    ("\"/health\"", Evidence::HEALTH_PATH),
    ("'/health'", Evidence::HEALTH_PATH),
    ("\"/healthz\"", Evidence::HEALTH_PATH),
    ("'/healthz'", Evidence::HEALTH_PATH),
    ("\"/readyz\"", Evidence::HEALTH_PATH),
    ("'/readyz'", Evidence::HEALTH_PATH),
    ("\"/livez\"", Evidence::HEALTH_PATH),
    ("'/livez'", Evidence::HEALTH_PATH),
    ("\"/ready\"", Evidence::HEALTH_PATH),
    ("'/ready'", Evidence::HEALTH_PATH),
    ("\"/healthcheck\"", Evidence::HEALTH_PATH),
    ("'/healthcheck'", Evidence::HEALTH_PATH),
    // A whole line: not `package maintainers` in prose, nor `//  package main` in a doc
    // comment. A file that starts with the clause is handled in `leading`.
    ("\npackage main\n", Evidence::GO_MAIN),
    ("\npackage main\r\n", Evidence::GO_MAIN),
    ("\npackage main //", Evidence::GO_MAIN),
];

/// The evidence a text shows by how it starts, which needles anchored on a newline cannot see.
pub(crate) fn leading(text: &str) -> Evidence {
    if text.strip_prefix("package main").is_some_and(|rest| rest.starts_with(['\n', '\r', ' '])) {
        Evidence::GO_MAIN
    } else {
        Evidence::empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefilter::TextScan;

    fn scan(text: &str) -> Evidence {
        TextScan::new(&[], None).expect("the evidence needles compile").scan(text, &mut [])
    }

    #[test]
    fn finds_each_kind_in_one_pass() {
        let text = "res.status(429).send('Too Many Requests');\nres.setHeader('X-Frame-Options', 'DENY');";
        let found = scan(text);
        assert!(found.contains(Evidence::RATE_LIMIT) && found.contains(Evidence::SECURITY_HEADERS));
        assert!(!found.contains(Evidence::BODY_LIMIT));
        assert!(scan("#[cfg(test)]\nmod tests {}").contains(Evidence::INLINE_TESTS));
        assert_eq!(scan("nothing here"), Evidence::empty());
        assert!(scan("// Command x.\npackage main\n\nimport \"net/http\"\n").contains(Evidence::GO_MAIN));
        assert!(scan("package main\n").contains(Evidence::GO_MAIN));
        assert!(scan("\tHealthzPath = \"/healthz\"\n").contains(Evidence::HEALTH_PATH));
        assert!(!scan("// see /healthz\nconst p = \"/healthz/x\";\n").contains(Evidence::HEALTH_PATH));
        assert!(!scan("// Ask the package maintainers.\npackage server\n").contains(Evidence::GO_MAIN));
        assert!(!scan("// Example:\n//  package main\npackage chi\n").contains(Evidence::GO_MAIN));
    }
}
