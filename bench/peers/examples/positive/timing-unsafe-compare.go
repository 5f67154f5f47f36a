package auth

import "net/http"

func Authorized(r *http.Request, apiKey string) bool {
	token := r.Header.Get("X-Api-Key")
	return token == apiKey
}
