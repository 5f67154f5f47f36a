package store

import (
	"log"
	"os"
)

func Reload(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Printf("cannot read %s: %v", path, err)
		return nil
	}
	if err := os.Remove(path); err != nil {
		// already gone: that is what we wanted
	}
	if err != nil {
	} else {
		log.Print("removed")
	}
	return data
}
