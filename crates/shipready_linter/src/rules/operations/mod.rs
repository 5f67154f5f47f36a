mod in_memory_rate_limit;
mod missing_lockfile;
mod no_ci_config;
mod no_rate_limiting;
mod no_request_size_limit;
mod no_security_headers;

pub(crate) use in_memory_rate_limit::InMemoryRateLimit;
pub(crate) use missing_lockfile::MissingLockfile;
pub(crate) use no_ci_config::NoCiConfig;
pub(crate) use no_rate_limiting::NoRateLimiting;
pub(crate) use no_request_size_limit::NoRequestSizeLimit;
pub(crate) use no_security_headers::NoSecurityHeaders;
