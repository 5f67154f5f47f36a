mod large_file;
mod too_many_params;
mod ts_nocheck;

pub(crate) use large_file::LargeFile;
pub(crate) use too_many_params::TooManyParams;
pub(crate) use ts_nocheck::TsNocheck;
