mod print_logging;

pub(crate) use print_logging::PrintLogging;
