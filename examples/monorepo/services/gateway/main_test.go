package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRequireKeyRejectsMissingKey(t *testing.T) {
	apiKey = "test-key"
	handler := requireKey(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/api/x", nil))
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("got %d", rec.Code)
	}
}
