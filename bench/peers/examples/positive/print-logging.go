package server

import "fmt"

func Handle(id string) {
	fmt.Println("request", id)
	fmt.Printf("request %v\n", id)
}
