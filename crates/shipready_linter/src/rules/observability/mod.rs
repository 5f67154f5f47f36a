mod no_error_tracking;
mod no_health_endpoint;
mod no_metrics;
mod no_structured_logging;
mod print_logging;

pub(crate) use no_error_tracking::NoErrorTracking;
pub(crate) use no_health_endpoint::NoHealthEndpoint;
pub(crate) use no_metrics::NoMetrics;
pub(crate) use no_structured_logging::NoStructuredLogging;
pub(crate) use print_logging::PrintLogging;
