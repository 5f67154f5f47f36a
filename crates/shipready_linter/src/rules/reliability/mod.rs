mod empty_catch;

pub(crate) use empty_catch::EmptyCatch;
