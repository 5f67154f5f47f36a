mod hardcoded_secret;

pub(crate) use hardcoded_secret::HardcodedSecret;
