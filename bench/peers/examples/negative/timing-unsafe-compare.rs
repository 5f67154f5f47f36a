use subtle::ConstantTimeEq;

pub fn authorized(token: &str, expected_token: &str) -> bool {
    if token == "" || token.len() == 0 || token.is_empty() {
        return false;
    }
    if token.kind == TokenKind::Eof {
        return false;
    }
    token.as_bytes().ct_eq(expected_token.as_bytes()).into()
}
