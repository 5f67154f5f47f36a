pub fn authorized(headers: &HeaderMap, expected_token: &str) -> bool {
    let token = headers.get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or_default();
    token == expected_token
}
