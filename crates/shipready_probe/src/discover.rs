//! What the probe learns before it checks: the service's routes from its OpenAPI document (given,
//! or found at a well-known path), and how it answers a path that cannot exist, so that a
//! catch-all page is never taken for a health endpoint or leaked data.

use std::collections::BTreeSet;

use serde_json::Value;

/// Where the OpenAPI document may be, tried in order when none is given (each one request).
pub const OPENAPI_PATHS: [&str; 4] = ["/openapi.json", "/swagger.json", "/v3/api-docs", "/api-docs"];

/// Operations taken from a document, at most: a document with thousands of routes does not
/// make the probe send thousands of requests.
const MAX_ROUTES: usize = 200;

/// One operation of the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Upper case: `GET`, `POST`, …
    pub method: String,
    /// As documented, with `{parameters}`, under the document's server path.
    pub template: String,
    /// Whether the document requires credentials for it (its own `security`, else the
    /// document's; an empty list means public).
    pub secured: bool,
    /// Query parameters by name, with their schema type when given.
    pub query: Vec<(String, Option<String>)>,
    /// Whether the operation takes a request body.
    pub takes_body: bool,
}

impl Route {
    pub fn has_path_parameters(&self) -> bool {
        self.template.contains('{')
    }

    /// The template with every path parameter replaced by `value`.
    pub fn path_with(&self, value: &str) -> String {
        let mut path = String::with_capacity(self.template.len());
        let mut rest = self.template.as_str();
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                rest = &rest[open..];
                break;
            };
            path.push_str(value);
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        path
    }
}

/// The routes of an OpenAPI (3.x) or Swagger (2.0) document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Api {
    /// Where the document came from: a file path or a URL.
    pub source: String,
    pub routes: Vec<Route>,
}

/// Reads an OpenAPI or Swagger document, JSON or YAML.
pub fn parse_openapi(text: &str, source: &str) -> Result<Api, String> {
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(json_error) => match yaml_to_json(text) {
            Some(value) => value,
            None => return Err(format!("neither JSON ({json_error}) nor YAML")),
        },
    };
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return Err("it has no `paths` object: not an OpenAPI or Swagger document".into());
    };
    if document.get("openapi").is_none() && document.get("swagger").is_none() {
        return Err("it has neither an `openapi` nor a `swagger` version field".into());
    }
    let prefix = server_path(&document);
    let global_security = document.get("security").and_then(Value::as_array).is_some_and(|list| !list.is_empty());
    let mut routes = Vec::new();
    for (path, item) in paths {
        let Some(item) = item.as_object() else { continue };
        let shared_parameters = item.get("parameters").and_then(Value::as_array);
        for method in ["get", "head", "options", "post", "put", "patch", "delete"] {
            let Some(operation) = item.get(method) else { continue };
            let secured = match operation.get("security").and_then(Value::as_array) {
                Some(list) => list.iter().any(|requirement| requirement.as_object().is_some_and(|r| !r.is_empty())),
                None => global_security,
            };
            let mut query = Vec::new();
            let mut takes_body = operation.get("requestBody").is_some();
            for parameter in shared_parameters
                .into_iter()
                .flatten()
                .chain(operation.get("parameters").and_then(Value::as_array).into_iter().flatten())
            {
                match parameter.get("in").and_then(Value::as_str) {
                    Some("query") => {
                        if let Some(name) = parameter.get("name").and_then(Value::as_str) {
                            let kind = parameter
                                .get("schema")
                                .and_then(|schema| schema.get("type"))
                                .or_else(|| parameter.get("type"))
                                .and_then(Value::as_str)
                                .map(str::to_string);
                            query.push((name.to_string(), kind));
                        }
                    }
                    Some("body" | "formData") => takes_body = true,
                    _ => {}
                }
            }
            routes.push(Route {
                method: method.to_ascii_uppercase(),
                template: format!("{prefix}{path}"),
                secured,
                query,
                takes_body,
            });
            if routes.len() == MAX_ROUTES {
                return Ok(Api { source: source.to_string(), routes });
            }
        }
    }
    Ok(Api { source: source.to_string(), routes })
}

/// The path the document's operations live under: Swagger's `basePath`, or the path of
/// OpenAPI's first server URL.
fn server_path(document: &Value) -> String {
    let raw = document.get("basePath").and_then(Value::as_str).map(str::to_string).or_else(|| {
        let url = document.get("servers")?.as_array()?.first()?.get("url")?.as_str()?;
        Some(match url.find("://") {
            Some(scheme) => {
                url[scheme + 3..].find('/').map_or(String::new(), |slash| url[scheme + 3 + slash..].to_string())
            }
            None => url.to_string(),
        })
    });
    let path = raw.unwrap_or_default();
    if path.contains('{') {
        return String::new();
    }
    path.trim_end_matches('/').to_string()
}

/// A YAML document as JSON values; `None` when it is not YAML or not one mapping.
fn yaml_to_json(text: &str) -> Option<Value> {
    use saphyr::{LoadableYamlNode, Scalar, Yaml};
    fn convert(node: &Yaml<'_>, depth: usize) -> Value {
        if depth > 64 {
            return Value::Null;
        }
        match node {
            Yaml::Value(Scalar::Null) | Yaml::Alias(_) | Yaml::BadValue => Value::Null,
            Yaml::Value(Scalar::Boolean(value)) => Value::Bool(*value),
            Yaml::Value(Scalar::Integer(value)) => Value::from(*value),
            Yaml::Value(Scalar::FloatingPoint(value)) => Value::from(value.into_inner()),
            Yaml::Value(Scalar::String(value)) | Yaml::Representation(value, _, _) => Value::String(value.to_string()),
            Yaml::Sequence(items) => Value::Array(items.iter().map(|item| convert(item, depth + 1)).collect()),
            Yaml::Mapping(map) => Value::Object(
                map.iter()
                    .filter_map(|(key, value)| {
                        let key = match key {
                            Yaml::Value(Scalar::String(key)) | Yaml::Representation(key, _, _) => key.to_string(),
                            Yaml::Value(Scalar::Integer(key)) => key.to_string(),
                            _ => return None,
                        };
                        Some((key, convert(value, depth + 1)))
                    })
                    .collect(),
            ),
            Yaml::Tagged(_, inner) => convert(inner, depth + 1),
        }
    }
    let documents = Yaml::load_from_str(text).ok()?;
    let value = convert(documents.first()?, 0);
    value.is_object().then_some(value)
}

/// Paths where services usually answer liveness and readiness checks.
pub const HEALTH_PATHS: [&str; 12] = [
    "/healthz",
    "/health",
    "/livez",
    "/readyz",
    "/ready",
    "/api/health",
    "/api/healthz",
    "/health/live",
    "/health/ready",
    "/api/health/ready",
    "/status",
    "/ping",
];

/// Paths where services usually serve metrics.
pub const METRICS_PATHS: [&str; 5] =
    ["/metrics", "/api/metrics", "/prometheus", "/actuator/prometheus", "/metrics/prometheus"];

/// Candidate paths: those of the document whose last segment matches `wanted`, then the
/// well-known ones, without duplicates.
pub fn candidates(api: Option<&Api>, wanted: &[&str], well_known: &[&str]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let documented = api.into_iter().flat_map(|api| &api.routes).filter(|route| {
        route.method == "GET"
            && !route.has_path_parameters()
            && route
                .template
                .rsplit('/')
                .find(|segment| !segment.is_empty())
                .is_some_and(|last| wanted.iter().any(|word| last.eq_ignore_ascii_case(word)))
    });
    documented
        .map(|route| route.template.clone())
        .chain(well_known.iter().map(|path| (*path).to_string()))
        .filter(|path| seen.insert(path.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENAPI: &str = r#"{
      "openapi": "3.0.0",
      "servers": [{"url": "https://api.example.com/v1"}],
      "security": [{"bearer": []}],
      "paths": {
        "/health": {"get": {"security": []}},
        "/users/{id}": {"get": {"parameters": [{"name": "id", "in": "path"}, {"name": "fields", "in": "query", "schema": {"type": "string"}}]}},
        "/users": {"post": {"requestBody": {}}}
      }
    }"#;

    #[test]
    fn reads_routes_security_and_parameters_of_an_openapi_document() {
        let api = parse_openapi(OPENAPI, "openapi.json").unwrap();
        let summary: Vec<_> = api.routes.iter().map(|r| (r.method.as_str(), r.template.as_str(), r.secured)).collect();
        assert_eq!(
            summary,
            [("GET", "/v1/health", false), ("POST", "/v1/users", true), ("GET", "/v1/users/{id}", true)]
        );
        assert_eq!(api.routes[2].query, [("fields".to_string(), Some("string".to_string()))]);
        assert_eq!(api.routes[2].path_with("1"), "/v1/users/1");
        assert!(api.routes[1].takes_body);
    }

    #[test]
    fn reads_a_swagger_document_in_yaml() {
        let yaml = "swagger: '2.0'\nbasePath: /api\npaths:\n  /items:\n    get:\n      parameters:\n        - {name: limit, in: query, type: integer}\n";
        let api = parse_openapi(yaml, "swagger.yaml").unwrap();
        assert_eq!(api.routes.len(), 1);
        assert_eq!(api.routes[0].template, "/api/items");
        assert_eq!(api.routes[0].query, [("limit".to_string(), Some("integer".to_string()))]);
        assert!(!api.routes[0].secured);
    }

    #[test]
    fn refuses_what_is_not_an_api_document() {
        assert!(parse_openapi("{\"name\": \"package\"}", "x").is_err());
        assert!(parse_openapi("<html></html>", "x").is_err());
        assert!(parse_openapi("{\"paths\": {}}", "x").is_err());
    }

    #[test]
    fn documented_health_paths_come_first() {
        let api = parse_openapi(OPENAPI, "openapi.json").unwrap();
        let found = candidates(Some(&api), &["health"], &["/healthz", "/v1/health"]);
        assert_eq!(found, ["/v1/health", "/healthz"]);
    }
}
