package auth

import (
	"crypto/subtle"
	"net/http"
)

func Authorized(r *http.Request, apiKey string) bool {
	token := r.Header.Get("X-Api-Key")
	if token == "" || len(token) == 0 || apiKey == nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(token), []byte(apiKey)) == 1
}
