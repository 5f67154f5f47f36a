//! Logic shared across rules and languages lives here, once.

pub(crate) mod dotenv;
pub(crate) mod js;
pub(crate) mod names;
pub(crate) mod py;
