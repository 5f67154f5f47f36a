package server

import (
	"fmt"
	"log/slog"
	"os"
)

func Handle(id string) error {
	slog.Info("request", "id", id)
	fmt.Fprintf(os.Stderr, "request %s\n", id)
	return fmt.Errorf("no handler for %s", id)
}
