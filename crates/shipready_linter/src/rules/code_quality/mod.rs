mod commented_out_code;
mod explicit_any;
mod large_file;
mod stub_implementation;
mod too_many_params;
mod ts_nocheck;
mod ts_suppression;
mod type_checks_disabled;
mod unused_suppression;

pub(crate) use commented_out_code::CommentedOutCode;
pub(crate) use explicit_any::ExplicitAny;
pub(crate) use large_file::LargeFile;
pub(crate) use stub_implementation::StubImplementation;
pub(crate) use too_many_params::TooManyParams;
pub(crate) use ts_nocheck::TsNocheck;
pub(crate) use ts_suppression::TsSuppression;
pub(crate) use type_checks_disabled::TypeChecksDisabled;
pub(crate) use unused_suppression::UnusedSuppression;
