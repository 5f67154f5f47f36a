package main

import (
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
)

var upstreams = map[string]string{
	"/api/files/": os.Getenv("API_URL"),
	"/api/jobs/":  os.Getenv("WORKER_URL"),
}

var upstreamClient = &http.Client{
	Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	},
}

func forward(w http.ResponseWriter, r *http.Request) {
	target := ""
	for prefix, base := range upstreams {
		if strings.HasPrefix(r.URL.Path, prefix) {
			target = base + strings.TrimPrefix(r.URL.Path, "/api")
		}
	}
	if target == "" {
		http.Error(w, "no such route", http.StatusNotFound)
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, target, r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := upstreamClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	if _, err := io.Copy(w, resp.Body); err != nil {
	}
	slog.Info("forwarded", "path", r.URL.Path, "status", resp.StatusCode)
}
