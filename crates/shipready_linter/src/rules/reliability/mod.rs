mod blocking_call_in_server;
mod broad_except_swallow;
mod empty_catch;

pub(crate) use blocking_call_in_server::BlockingCallInServer;
pub(crate) use broad_except_swallow::BroadExceptSwallow;
pub(crate) use empty_catch::EmptyCatch;
