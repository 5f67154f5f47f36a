package store

import "os"

func Reload(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
	}
	return data
}
