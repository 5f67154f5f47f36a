mod iframe_sandbox_escape;
mod postmessage_any_origin;
mod timing_unsafe_compare;

pub(crate) use iframe_sandbox_escape::IframeSandboxEscape;
pub(crate) use postmessage_any_origin::PostmessageAnyOrigin;
pub(crate) use timing_unsafe_compare::TimingUnsafeCompare;
