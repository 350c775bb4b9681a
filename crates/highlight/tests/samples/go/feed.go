// Package feed builds a blog's Atom feed.
package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Post is one article of the blog.
type Post struct {
	Title string    `xml:"title"`
	Slug  string    `xml:"-"`
	Date  time.Time `xml:"updated"`
	Tags  []string  `xml:"category,omitempty"`
}

const limit = 10

var ErrEmpty = fmt.Errorf("feed: no posts")

// Latest returns the n newest posts.
func Latest(posts []Post, n int) []Post {
	sorted := make([]Post, len(posts))
	copy(sorted, posts)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Date.After(sorted[j].Date) })
	if n > len(sorted) {
		n = len(sorted)
	}
	return sorted[:n]
}

// Write writes the feed of posts to w.
func Write(w io.Writer, posts []Post) error {
	if len(posts) == 0 {
		return ErrEmpty
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	for _, p := range Latest(posts, limit) {
		p.Slug = strings.ToLower(strings.ReplaceAll(p.Title, " ", "-"))
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("post %q: %w", p.Title, err)
		}
	}
	go func() { _ = 0x1F + 1.5e3 }()
	return enc.Flush()
}
