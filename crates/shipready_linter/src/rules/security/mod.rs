mod container_unhardened;
mod cors_permissive;
mod dangerous_endpoint;
mod exception_leak;
mod hardcoded_secret;
mod iframe_sandbox_escape;
mod insecure_cookie;
mod pii_in_logs;
mod postmessage_any_origin;
mod timing_unsafe_compare;
mod tls_verify_disabled;
mod unsafe_env_default;

pub(crate) use container_unhardened::ContainerUnhardened;
pub(crate) use cors_permissive::CorsPermissive;
pub(crate) use dangerous_endpoint::DangerousEndpoint;
pub(crate) use exception_leak::ExceptionLeak;
pub(crate) use hardcoded_secret::HardcodedSecret;
pub(crate) use iframe_sandbox_escape::IframeSandboxEscape;
pub(crate) use insecure_cookie::InsecureCookie;
pub(crate) use pii_in_logs::PiiInLogs;
pub(crate) use postmessage_any_origin::PostmessageAnyOrigin;
pub(crate) use timing_unsafe_compare::TimingUnsafeCompare;
pub(crate) use tls_verify_disabled::TlsVerifyDisabled;
pub(crate) use unsafe_env_default::UnsafeEnvDefault;

/// Characters of source quoted in a message before it is cut short.
const EXCERPT_CHARS: usize = 80;

/// Source text as a message quotes it: whitespace runs collapsed to one space, cut short with `…`.
fn excerpt(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &collapsed[..end]),
        None => collapsed,
    }
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
