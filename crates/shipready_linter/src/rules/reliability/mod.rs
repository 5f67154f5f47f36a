mod blocking_call_in_server;
mod broad_except_swallow;
mod empty_catch;
mod http_call_no_timeout;
mod in_memory_session_state;
mod listener_leak;
mod nonatomic_json_store;
mod unbounded_cache;
mod websocket_unbounded;

pub(crate) use blocking_call_in_server::BlockingCallInServer;
pub(crate) use broad_except_swallow::BroadExceptSwallow;
pub(crate) use empty_catch::EmptyCatch;
pub(crate) use http_call_no_timeout::HttpCallNoTimeout;
pub(crate) use in_memory_session_state::InMemorySessionState;
pub(crate) use listener_leak::ListenerLeak;
pub(crate) use nonatomic_json_store::NonatomicJsonStore;
pub(crate) use unbounded_cache::UnboundedCache;
pub(crate) use websocket_unbounded::WebsocketUnbounded;
