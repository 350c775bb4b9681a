// Package main serves the blog's output folder.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

/* Config holds the server's settings. */
type Config struct {
	Root    string
	Port    int
	Timeout time.Duration
}

var defaultPort = 8000

const greeting = `served by
a tiny Go server`

func loadConfig(args []string) (*Config, error) {
	cfg := &Config{Root: "output", Port: defaultPort, Timeout: 5 * time.Second}
	if len(args) > 1 {
		cfg.Root = args[1]
	} else if _, err := os.Stat(cfg.Root); err != nil {
		return nil, fmt.Errorf("no folder %q: %w", cfg.Root, err)
	}
	return cfg, nil
}

func main() {
	cfg, err := loadConfig(os.Args)
	if err != nil {
		log.Fatal(err)
	}
	ch := make(chan string, 1)
	go func() { ch <- greeting }()
	for i := 0; i < 3; i++ {
		switch {
		case i%2 == 0:
			fmt.Println(i, 0x1F, 1.5e3, 'x')
		default:
			continue
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(cfg.Root)))
	log.Printf("listening on :%d\n", cfg.Port)
	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%d", cfg.Port), mux))
}
