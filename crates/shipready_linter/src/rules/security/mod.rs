mod auth_fail_open;
mod code_injection;
mod command_injection;
mod container_unhardened;
mod cors_permissive;
mod dangerous_endpoint;
mod exception_leak;
mod hardcoded_secret;
mod html_injection_sink;
mod iframe_sandbox_escape;
mod insecure_cookie;
mod path_traversal;
mod pii_in_logs;
mod postmessage_any_origin;
mod sql_string_build;
mod timing_unsafe_compare;
mod weak_crypto;

pub(crate) use auth_fail_open::AuthFailOpen;
pub(crate) use code_injection::CodeInjection;
pub(crate) use command_injection::CommandInjection;
mod tls_verify_disabled;
mod unsafe_env_default;

pub(crate) use container_unhardened::ContainerUnhardened;
pub(crate) use cors_permissive::CorsPermissive;
pub(crate) use dangerous_endpoint::DangerousEndpoint;
pub(crate) use exception_leak::ExceptionLeak;
pub(crate) use hardcoded_secret::HardcodedSecret;
pub(crate) use html_injection_sink::HtmlInjectionSink;
pub(crate) use iframe_sandbox_escape::IframeSandboxEscape;
pub(crate) use insecure_cookie::InsecureCookie;
pub(crate) use path_traversal::PathTraversal;
pub(crate) use pii_in_logs::PiiInLogs;
pub(crate) use postmessage_any_origin::PostmessageAnyOrigin;
pub(crate) use sql_string_build::SqlStringBuild;
pub(crate) use timing_unsafe_compare::TimingUnsafeCompare;
pub(crate) use tls_verify_disabled::TlsVerifyDisabled;
pub(crate) use unsafe_env_default::UnsafeEnvDefault;
pub(crate) use weak_crypto::WeakCrypto;

/// Characters of source quoted in a message before it is cut short.
const EXCERPT_CHARS: usize = 80;

/// Source text as a message quotes it: whitespace runs collapsed to one space, cut short with `…`.
fn excerpt(text: &str) -> String {
    // Reads only as far as the excerpt goes: the text may be a whole function (an IIFE's callee).
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        for c in (!out.is_empty()).then_some(' ').into_iter().chain(word.chars()) {
            if count == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// What a condition says about the environment: `Some(true)` if it holds only in development
/// (`NODE_ENV === 'development'`, `settings.DEBUG`, `isDev`, `NODE_ENV !== 'production'`,
/// `not IS_PRODUCTION`), `Some(false)` if only in production, `None` if it does not say.
fn development_only(condition: &str) -> Option<bool> {
    const DEVELOPMENT: &[&str] =
        &["development", "debug", "isdev", "is_dev", "devmode", "dev_mode", "'dev'", "\"dev\"", "'local'", "\"local\""];
    const PRODUCTION: &[&str] = &["production", "isprod", "is_prod", "'prod'", "\"prod\""];
    let lower = condition.to_ascii_lowercase();
    let negated = lower.contains("!=") || lower.trim_start().starts_with('!') || lower.contains("not ");
    let development = DEVELOPMENT.iter().any(|word| lower.contains(word));
    let production = PRODUCTION.iter().any(|word| lower.contains(word));
    match (development, production) {
        (true, false) => Some(!negated),
        (false, true) => Some(negated),
        _ => None,
    }
}

/// A call that reads a request value or a map entry (`req.get('x')`, `request.args.get('x')`,
/// `c.req.query('q')`): where a spliced value is taken for input. Other calls are helpers whose
/// result the code decides.
fn is_input_read(name: &str) -> bool {
    matches!(name, "get" | "getlist" | "get_json" | "getAll" | "param" | "query" | "header" | "getHeader")
}

/// A member chain read from a request (`req.query.sortColumn`, `request.args.table`): input,
/// whatever its name says.
fn reads_request(path: &str) -> bool {
    crate::helpers::names::split_words(path)
        .iter()
        .any(|w| matches!(w.as_str(), "req" | "request" | "params" | "query" | "body" | "form" | "args"))
}

/// State of the object the code runs in (`this.tableName`, `self.quote_name(x)`), unless it is
/// the request the object holds: decided by the code, not the user.
fn is_object_state(source: &str) -> bool {
    ["this.", "self.", "cls."].iter().any(|receiver| source.starts_with(receiver)) && !reads_request(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_collapse_whitespace_and_stop_at_the_limit() {
        assert_eq!(excerpt("res.status(500)\n   .json"), "res.status(500) .json");
        assert_eq!(excerpt("  a  b  "), "a b");
        assert_eq!(excerpt(""), "");
        let exact = "x".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exact), exact);
        let long = format!("{} tail", "é".repeat(EXCERPT_CHARS - 1));
        assert_eq!(excerpt(&long), format!("{} …", "é".repeat(EXCERPT_CHARS - 1)));
        assert_eq!(excerpt(&format!("{exact}y")), format!("{exact}…"));
    }
}
